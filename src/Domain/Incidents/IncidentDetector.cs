namespace Backscatter.Domain.Incidents;

/// <summary>
/// Turns a tenant's stream of backscatter into incidents. An incident opens when the sliding
/// window reaches max(threshold, k × baseline), escalates one severity level at each configured
/// multiple of that, and resolves once the window has stayed below it for the quiet period (the wave
/// counts until it has slid out of the window, not just until its last report). The
/// baseline is learned only while no incident is open, so a wave never raises its own bar.
/// </summary>
public sealed class IncidentDetector
{
    private readonly IncidentOptions _options;
    private readonly TimeProvider _clock;
    private readonly IReadOnlyList<double> _escalations;
    private readonly double _decayPerBucket;

    public IncidentDetector(IncidentOptions options, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        if (options.Validate() is { } problem)
        {
            throw new ArgumentException(problem, nameof(options));
        }

        _options = options;
        _clock = clock;
        _escalations = options.EffectiveEscalationMultiples;
        _decayPerBucket = Math.Pow(0.5, options.BucketLength / options.BaselineHalfLife);
    }

    /// <summary>The window count that would open an incident for this tenant now.</summary>
    public int ThresholdFor(TenantActivity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var fromBaseline = Math.Ceiling(_options.BaselineMultiplier * activity.Baseline);
        return (int)Math.Min(int.MaxValue, Math.Max(_options.Threshold, fromBaseline));
    }

    /// <summary>Counts one backscatter report received at <paramref name="receivedAt"/>.</summary>
    public IncidentStep Observe(TenantActivity activity, Incident? open, DateTimeOffset receivedAt)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var now = _clock.GetUtcNow();
        var changes = new List<IncidentChange>();
        open = Advance(activity, open, now, changes);

        // A report from the future (clock skew) counts now; one older than the window counts only in an open incident.
        var at = receivedAt > now ? now : receivedAt;
        var index = activity.Buckets.Length - 1 - (int)Math.Min(int.MaxValue, Math.Floor((activity.BucketStart - BucketOf(at)) / _options.BucketLength));
        if (index >= 0)
        {
            activity.Buckets[index]++;
        }

        var count = activity.WindowCount;
        if (open is null)
        {
            var threshold = ThresholdFor(activity);
            if (index < 0 || count < threshold)
            {
                return new IncidentStep(null, changes);
            }

            open = new Incident
            {
                TenantId = activity.TenantId,
                OpenedAt = now,
                Threshold = threshold,
                Baseline = activity.Baseline,
                ReportCount = count,
                PeakWindowCount = count,
                StartedAt = activity.BucketStart - (_options.BucketLength * (activity.Buckets.Length - 1)),
                LastReportAt = at,
                LastAboveThresholdAt = now,
            };
            changes.Add(new IncidentChange(IncidentChangeKind.Opened, open, count, now));
            Escalate(open, count, now, changes);
            return new IncidentStep(open, changes) { CountedInOpen = true };
        }

        open.ReportCount++;
        open.LastReportAt = at > open.LastReportAt ? at : open.LastReportAt;
        open.PeakWindowCount = Math.Max(open.PeakWindowCount, count);
        if (count >= open.Threshold)
        {
            open.LastAboveThresholdAt = now;
        }

        Escalate(open, count, now, changes);
        return new IncidentStep(open, changes) { CountedInOpen = true };
    }

    /// <summary>Moves the window to now without a report: resolves an incident that has gone quiet.</summary>
    public IncidentStep Tick(TenantActivity activity, Incident? open)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var changes = new List<IncidentChange>();
        open = Advance(activity, open, _clock.GetUtcNow(), changes);
        return new IncidentStep(open, changes);
    }

    /// <summary>
    /// Resolves the open incident now, at a member's request. The window is emptied: the wave's
    /// reports belong to the resolved incident, and counting them again would reopen a duplicate at
    /// the next report. A wave that goes on opens a new incident once it fills a fresh window; the
    /// emptied buckets never enter the baseline, so the wave does not raise its own bar either.
    /// </summary>
    public IncidentStep Resolve(TenantActivity activity, Incident open)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(open);
        var now = _clock.GetUtcNow();
        var changes = new List<IncidentChange>();
        if (Advance(activity, open, now, changes) is null)
        {
            // It had gone quiet already: resolved as the timer would have.
            return new IncidentStep(null, changes);
        }

        var count = activity.WindowCount;
        Array.Clear(activity.Buckets);
        open.Status = IncidentStatus.Resolved;
        open.ResolvedAt = now;
        changes.Add(new IncidentChange(IncidentChangeKind.Resolved, open, count, now));
        return new IncidentStep(null, changes);
    }

    private Incident? Advance(TenantActivity activity, Incident? open, DateTimeOffset now, List<IncidentChange> changes)
    {
        var current = BucketOf(now);
        if (activity.Buckets.Length != _options.WindowBuckets)
        {
            // First report, or the window was reconfigured: start counting afresh.
            activity.Buckets = new int[_options.WindowBuckets];
            activity.BucketStart = current;
        }
        else if (current > activity.BucketStart)
        {
            var steps = (long)Math.Floor((current - activity.BucketStart) / _options.BucketLength);
            if (open is null)
            {
                Learn(activity, activity.Buckets[^1], steps);
            }
            else
            {
                StayedAbove(activity, open, steps);
            }

            var buckets = activity.Buckets;
            var kept = (int)Math.Max(0, buckets.Length - steps);
            Array.Copy(buckets, buckets.Length - kept, buckets, 0, kept);
            Array.Clear(buckets, kept, buckets.Length - kept);
            activity.BucketStart = current;
        }

        if (open is not null && activity.WindowCount >= open.Threshold)
        {
            open.LastAboveThresholdAt = now;
        }

        if (open is not null && now - open.LastAboveThresholdAt >= _options.QuietPeriod)
        {
            open.Status = IncidentStatus.Resolved;
            open.ResolvedAt = now;
            changes.Add(new IncidentChange(IncidentChangeKind.Resolved, open, activity.WindowCount, now));
            return null;
        }

        return open;
    }

    // Without reports the window only shrinks, one bucket at each boundary: it stayed at or above the
    // threshold until the boundary where enough of the wave slid out. Quiet is measured from there.
    private void StayedAbove(TenantActivity activity, Incident open, long steps)
    {
        var sum = activity.WindowCount;
        for (var k = 1; k <= Math.Min(steps, activity.Buckets.Length) && sum >= open.Threshold; k++)
        {
            var boundary = activity.BucketStart + (_options.BucketLength * k);
            if (boundary > open.LastAboveThresholdAt)
            {
                open.LastAboveThresholdAt = boundary;
            }

            sum -= activity.Buckets[k - 1];
        }
    }

    // The bucket that just completed, then steps - 1 empty ones, enter the average, each scaled to a whole window.
    private void Learn(TenantActivity activity, int completed, long steps)
    {
        var perWindow = (double)completed * _options.WindowBuckets;
        var baseline = (_decayPerBucket * activity.Baseline) + ((1 - _decayPerBucket) * perWindow);
        activity.Baseline = baseline * Math.Pow(_decayPerBucket, steps - 1);
    }

    private void Escalate(Incident open, int count, DateTimeOffset now, List<IncidentChange> changes)
    {
        var severity = 1;
        while (severity - 1 < _escalations.Count && count >= open.Threshold * _escalations[severity - 1])
        {
            severity++;
        }

        if (severity > open.Severity)
        {
            open.Severity = severity;
            open.EscalatedAt = now;
            changes.Add(new IncidentChange(IncidentChangeKind.Escalated, open, count, now));
        }
    }

    private DateTimeOffset BucketOf(DateTimeOffset at)
    {
        var ticks = _options.BucketLength.Ticks;
        var utc = at.UtcTicks;
        return new DateTimeOffset(utc - (utc % ticks), TimeSpan.Zero);
    }
}
