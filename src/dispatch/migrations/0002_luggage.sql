-- Dispatch services, same-day luggage delivery (프리러그): an area has a kind (an on-demand shuttle or luggage
-- delivery); a trip may have a delivery deadline (a luggage order's "delivered by"); a luggage order is a trip with
-- its customer, bags, fee, tracking token and the two codes the courier is told at pickup and at delivery.
-- Personal data: dispatch_luggage_orders.customer_name/customer_phone/customer_email.
ALTER TABLE dispatch_areas ADD COLUMN kind TEXT NOT NULL DEFAULT 'shuttle';
ALTER TABLE dispatch_rides ADD COLUMN deliver_by_s INTEGER;

CREATE TABLE dispatch_luggage_orders (
  ride_id {{bigint}} PRIMARY KEY REFERENCES dispatch_rides (id),
  tracking_token TEXT NOT NULL UNIQUE,
  customer_user_id {{bigint}},
  customer_name TEXT NOT NULL,
  customer_phone TEXT,
  customer_email TEXT,
  flight TEXT NOT NULL DEFAULT '',
  bags INTEGER NOT NULL CHECK (bags > 0),
  fee_won INTEGER NOT NULL CHECK (fee_won >= 0),
  pickup_code TEXT NOT NULL,
  delivery_code TEXT NOT NULL,
  paid_at {{bigint}},
  created_at {{bigint}} NOT NULL
);
CREATE INDEX dispatch_luggage_orders_customer ON dispatch_luggage_orders (customer_user_id);
