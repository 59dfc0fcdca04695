namespace Steward.Core.Events;

/// <summary>Wakes event-stream readers when new events have been committed.</summary>
public sealed class EventNotifier
{
    private TaskCompletionSource signal = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>A task that completes at the next <see cref="Notify"/>.</summary>
    public Task NextAsync() => Volatile.Read(ref signal).Task;

    public void Notify() =>
        Interlocked.Exchange(ref signal, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
