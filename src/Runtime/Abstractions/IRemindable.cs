namespace PacificEdge.Runtime;

/// <summary>Implemented by grains that register reminders.</summary>
public interface IRemindable
{
    /// <summary>
    /// Called as a turn when a reminder falls due. Delivery is at-least-once: a tick that
    /// throws is retried, and a tick may repeat after a crash, so handlers must be idempotent.
    /// </summary>
    Task ReceiveReminder(string reminderName, TickStatus status);
}
