// SQL for luggage orders: the order beside its trip (dispatch_rides), by trip, by tracking token, by area day and
// by customer.
#include "dispatch/repo.h"
#include "store/values.h"

namespace dongne::dispatch::repo {

namespace {

using store::Value;
using store::values::opt;

constexpr const char* kOrderCols =
    "o.ride_id, o.tracking_token, o.customer_user_id, o.customer_name, o.customer_phone, o.customer_email, o.flight, "
    "o.bags, o.fee_won, o.pickup_code, o.delivery_code, o.paid_at, o.created_at";

LuggageOrder order_of(const store::Row& r) {
  LuggageOrder o;
  o.ride_id = r.i64(0);
  o.tracking_token = r.str(1);
  o.customer_user_id = r.opt_i64(2);
  o.customer_name = r.str(3);
  o.customer_phone = r.opt_str(4);
  o.customer_email = r.opt_str(5);
  o.flight = r.str(6);
  o.bags = static_cast<int>(r.i64(7));
  o.fee_won = static_cast<int>(r.i64(8));
  o.pickup_code = r.str(9);
  o.delivery_code = r.str(10);
  o.paid_at = r.opt_i64(11);
  o.created_at = r.i64(12);
  return o;
}

Result<std::vector<LuggageOrder>> orders_where(store::Tx& tx, const std::string& from_where, const std::vector<Value>& params) {
  DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query(std::string("SELECT ") + kOrderCols + " FROM " + from_where, params));
  std::vector<LuggageOrder> out;
  for (const auto& r : rows.rows) out.push_back(order_of(r));
  return out;
}

Result<std::optional<LuggageOrder>> first(Result<std::vector<LuggageOrder>> r) {
  if (!r.ok()) return r.error();
  if (r->empty()) return std::optional<LuggageOrder>{};
  return std::optional<LuggageOrder>(std::move(r->front()));
}

}  // namespace

Status insert_luggage_order(store::Tx& tx, const LuggageOrder& o) {
  return to_status(tx.exec(
      "INSERT INTO dispatch_luggage_orders (ride_id, tracking_token, customer_user_id, customer_name, customer_phone, "
      "customer_email, flight, bags, fee_won, pickup_code, delivery_code, paid_at, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {o.ride_id, o.tracking_token, opt(o.customer_user_id), o.customer_name, opt(o.customer_phone), opt(o.customer_email),
       o.flight, static_cast<int64_t>(o.bags), static_cast<int64_t>(o.fee_won), o.pickup_code, o.delivery_code,
       opt(o.paid_at), o.created_at}));
}

Result<std::optional<LuggageOrder>> luggage_order(store::Tx& tx, int64_t ride_id) {
  return first(orders_where(tx, "dispatch_luggage_orders o WHERE o.ride_id = ?", {ride_id}));
}

Result<std::optional<LuggageOrder>> luggage_order_by_token(store::Tx& tx, const std::string& token) {
  return first(orders_where(tx, "dispatch_luggage_orders o WHERE o.tracking_token = ?", {token}));
}

Result<std::map<int64_t, LuggageOrder>> luggage_orders_of_day(store::Tx& tx, int64_t area_id, LocalDate day) {
  DONGNE_ASSIGN_OR_RETURN(auto list, orders_where(tx, "dispatch_luggage_orders o JOIN dispatch_rides r ON r.id = o.ride_id "
                                                      "WHERE r.area_id = ? AND r.day = ?", {area_id, format_date(day)}));
  std::map<int64_t, LuggageOrder> out;
  for (auto& o : list) out.emplace(o.ride_id, std::move(o));
  return out;
}

Result<std::vector<LuggageOrder>> luggage_orders_of_customer(store::Tx& tx, int64_t user_id, LocalDate from) {
  return orders_where(tx, "dispatch_luggage_orders o JOIN dispatch_rides r ON r.id = o.ride_id "
                          "WHERE o.customer_user_id = ? AND r.day >= ? ORDER BY r.day DESC, o.ride_id DESC LIMIT 200",
                      {user_id, format_date(from)});
}

Status mark_luggage_paid(store::Tx& tx, int64_t ride_id, EpochMs at) {
  return to_status(tx.exec("UPDATE dispatch_luggage_orders SET paid_at = COALESCE(paid_at, ?) WHERE ride_id = ?", {at, ride_id}));
}

}  // namespace dongne::dispatch::repo
