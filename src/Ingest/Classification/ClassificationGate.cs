using Backscatter.Ingest.Smtp;

namespace Backscatter.Ingest.Classification;

/// <summary>
/// How classification gives way to SMTP acceptance during a burst. Always: one batch at a time while
/// sessions are accepting (two otherwise), so that the classifier's threads and its statements take
/// less from the sessions' group commits (docs/adr/0023). When asked for
/// (<c>Ingest:ClassificationHold</c>, default 0: off), also a hold: a batch waits before it is
/// classified, so that the cores answer the senders (whose 250 waits for the store) instead of
/// classifying what is already safe; bounded, after holding classification for the hold in one go the
/// gate stays open for as long again even if the burst goes on. The hold is off by default since the
/// classifier runs on spare CPU only (<see cref="SpareCpuScheduler"/>): it keeps pace with a burst,
/// and the end-to-end rate is higher without the hold.
/// </summary>
public sealed class ClassificationGate(AcceptanceActivity acceptance, IConfiguration configuration, TimeProvider clock) : IDisposable
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(20);

    private readonly TimeSpan _maxHold = configuration.GetValue("Ingest:ClassificationHold", TimeSpan.Zero);
    private readonly Lock _lock = new();
    private DateTimeOffset? _holdingSince;
    private DateTimeOffset _openUntil = DateTimeOffset.MinValue;
    private readonly SemaphoreSlim _turnDuringAcceptance = new(1, 1);

    /// <summary>
    /// <see cref="WaitAsync"/>, then, while sessions are accepting, the one turn that classification has
    /// during a burst. Dispose the turn (null when none was needed) when the batch is stored.
    /// </summary>
    public async Task<IDisposable?> TakeTurnAsync(CancellationToken cancellationToken)
    {
        await WaitAsync(cancellationToken);
        if (!acceptance.IsAccepting)
        {
            return null;
        }

        await _turnDuringAcceptance.WaitAsync(cancellationToken);
        return new Turn(_turnDuringAcceptance);
    }

    public void Dispose() => _turnDuringAcceptance.Dispose();

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

    private sealed class Turn(SemaphoreSlim turns) : IDisposable
    {
        private int _ended;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _ended, 1) == 0)
            {
                try
                {
                    turns.Release();
                }
                catch (ObjectDisposedException)
                {
                    // The host has shut down around a batch that was still finishing: nobody waits for the turn.
                }
            }
        }
    }
}
