/**
 * "Add budget alarm": adds an AWS::Budgets::Budget to the template with the person's monthly
 * threshold and e-mail, as one undoable template edit. The budget notifies when actual spend
 * passes 100% of the threshold and when the forecast does.
 */
import { useState } from "react";
import { useStore } from "../store";
import { isRefusal } from "../store/history-slice";

export const BUDGET_TYPE = "AWS::Budgets::Budget";

/** The Properties of the budget written into the template (plain JS, intrinsics in long form). */
export function budgetResource(thresholdUsd: number, email: string): Record<string, unknown> {
  const subscribers = [{ SubscriptionType: "EMAIL", Address: email }];
  return {
    Budget: {
      BudgetName: { "Fn::Sub": "${AWS::StackName}-monthly-cost" },
      BudgetType: "COST",
      TimeUnit: "MONTHLY",
      BudgetLimit: { Amount: thresholdUsd, Unit: "USD" },
    },
    NotificationsWithSubscribers: [
      { Notification: { NotificationType: "ACTUAL", ComparisonOperator: "GREATER_THAN", Threshold: 100, ThresholdType: "PERCENTAGE" }, Subscribers: subscribers },
      { Notification: { NotificationType: "FORECASTED", ComparisonOperator: "GREATER_THAN", Threshold: 100, ThresholdType: "PERCENTAGE" }, Subscribers: subscribers },
    ],
  };
}

function freeBudgetId(taken: Set<string>): string {
  if (!taken.has("MonthlyCostBudget")) return "MonthlyCostBudget";
  for (let i = 2; ; i++) if (!taken.has(`MonthlyCostBudget${i}`)) return `MonthlyCostBudget${i}`;
}

export function BudgetAlarm({ suggestedUsd }: { suggestedUsd: number }) {
  const [threshold, setThreshold] = useState("");
  const [email, setEmail] = useState("");
  const [message, setMessage] = useState<{ text: string; tone: "ok" | "error" } | null>(null);
  const add = () => {
    const amount = Number(threshold);
    if (!Number.isFinite(amount) || amount <= 0) {
      setMessage({ text: "Enter a monthly threshold in USD above 0.", tone: "error" });
      return;
    }
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim())) {
      setMessage({ text: "Enter the e-mail address that should get the alarm.", tone: "error" });
      return;
    }
    const state = useStore.getState();
    const taken = new Set(state.lastGoodModel?.resources.map((r) => r.id) ?? []);
    const id = freeBudgetId(taken);
    // addResource takes a CloudFormation type for resources without a catalog card.
    const result = state.runOperation({ op: "addResource", kind: BUDGET_TYPE, id, properties: budgetResource(amount, email.trim()) }, "cost");
    if (isRefusal(result)) {
      setMessage({ text: result.reason, tone: "error" });
      return;
    }
    setMessage({ text: `Added ${id}: e-mail to ${email.trim()} when this account's monthly cost passes $${amount} (actual or forecast).`, tone: "ok" });
  };
  return (
    <form
      className="ff-cost__budget"
      aria-label="Budget alarm"
      onSubmit={(e) => {
        e.preventDefault();
        add();
      }}
    >
      <h3>Budget alarm</h3>
      <div className="ff-field">
        <label htmlFor="ff-budget-threshold">Monthly threshold (USD)</label>
        <input id="ff-budget-threshold" inputMode="decimal" placeholder={suggestedUsd > 0 ? String(Math.ceil(suggestedUsd * 1.2)) : "10"} value={threshold} onChange={(e) => setThreshold(e.target.value)} />
      </div>
      <div className="ff-field">
        <label htmlFor="ff-budget-email">Alarm e-mail</label>
        <input id="ff-budget-email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
      </div>
      <button type="submit">Add budget alarm</button>
      <p className="ff-field__help">A budget covers the whole AWS account's cost, not only this stack.</p>
      {message && (
        <p role={message.tone === "error" ? "alert" : "status"} className={message.tone === "error" ? "ff-field__error" : "ff-cost__ok"}>
          {message.text}
        </p>
      )}
    </form>
  );
}
