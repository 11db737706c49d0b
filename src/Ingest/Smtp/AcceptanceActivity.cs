namespace Backscatter.Ingest.Smtp;

/// <summary>
/// Whether SMTP messages are being accepted right now: the listener counts its open sessions here,
/// and classification gives way to acceptance while a burst comes in (see
/// <c>Classification.ClassificationGate</c>). A session counts as activity while it is open and
/// sessions keep starting; an idle connection held open does not hold classification back.
/// </summary>
public sealed class AcceptanceActivity(TimeProvider clock)
{
    // A burst of forwarded bounces opens sessions continually (one connection per message, or a few per second at least).
    private static readonly TimeSpan Recent = TimeSpan.FromSeconds(1);

    private int _open;
    private long _lastOpenedAt;

    /// <summary>Counts a session as open until the returned handle is disposed.</summary>
    public Session Open()
    {
        Interlocked.Increment(ref _open);
        Volatile.Write(ref _lastOpenedAt, clock.GetTimestamp());
        return new Session(this);
    }

    /// <summary>True while sessions are open and one started within the last second.</summary>
    public bool IsAccepting =>
        Volatile.Read(ref _open) > 0 && clock.GetElapsedTime(Volatile.Read(ref _lastOpenedAt)) < Recent;

    private void Close() => Interlocked.Decrement(ref _open);

    /// <summary>An open session; disposing it closes it (once).</summary>
    public struct Session(AcceptanceActivity activity) : IDisposable
    {
        private AcceptanceActivity? _activity = activity;

        public void Dispose()
        {
            _activity?.Close();
            _activity = null;
        }
    }
}
