using Backscatter.Ingest.Smtp;

namespace Backscatter.Ingest.Classification;

/// <summary>
/// Acceptance first, when asked for (<c>Ingest:ClassificationHold</c>, default 0: off): while SMTP
/// sessions are accepting a burst, a batch waits before it is classified, so that the cores answer
/// the senders (whose 250 waits for the store) instead of classifying what is already safe. Bounded:
/// after holding classification for the hold in one go, the gate stays open for as long again even
/// if the burst goes on. Off by default since the classifier runs on spare CPU only
/// (<see cref="SpareCpuScheduler"/>, docs/adr/0023): it keeps pace with a burst, and the end-to-end
/// rate is higher without the hold.
/// </summary>
public sealed class ClassificationGate(AcceptanceActivity acceptance, IConfiguration configuration, TimeProvider clock)
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(20);

    private readonly TimeSpan _maxHold = configuration.GetValue("Ingest:ClassificationHold", TimeSpan.Zero);
    private readonly Lock _lock = new();
    private DateTimeOffset? _holdingSince;
    private DateTimeOffset _openUntil = DateTimeOffset.MinValue;

    /// <summary>Returns at once when nothing is being accepted; otherwise when the burst ends or the hold runs out.</summary>
    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        if (_maxHold <= TimeSpan.Zero || !acceptance.IsAccepting)
        {
            return;
        }

        DateTimeOffset deadline;
        lock (_lock)
        {
            var now = clock.GetUtcNow();
            if (now < _openUntil)
            {
                return;
            }

            _holdingSince ??= now;
            deadline = _holdingSince.Value + _maxHold;
        }

        while (acceptance.IsAccepting && clock.GetUtcNow() < deadline)
        {
            await Task.Delay(Poll, clock, cancellationToken);
        }

        lock (_lock)
        {
            var now = clock.GetUtcNow();
            if (acceptance.IsAccepting && now >= deadline && now >= _openUntil)
            {
                // Held for the whole bound and the burst goes on: classify for as long before holding again.
                _openUntil = now + _maxHold;
            }

            _holdingSince = null;
        }
    }
}
