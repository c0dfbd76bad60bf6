-- Spending takes signed amounts (a refund or a correction is negative, with its reason in the note), so budget
-- executed can go down; only zero is refused.
ALTER TABLE programme_spending DROP CONSTRAINT IF EXISTS programme_spending_won_check;
ALTER TABLE programme_spending ADD CONSTRAINT programme_spending_won_nonzero CHECK (won <> 0);
