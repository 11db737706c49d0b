using Backscatter.Ingest.Classification;
using Backscatter.Ingest.Smtp;

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;

namespace Backscatter.Ingest.Tests.Classification;

/// <summary>
/// While SMTP sessions accept a burst, classification takes one batch at a time and, with a hold
/// configured, waits so that acceptance gets the cores; it catches up when the burst ends, and never
/// waits longer than the configured hold.
/// </summary>
public sealed class Giving_way_to_SMTP_acceptance
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(20);

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 27, 4, 0, 0, TimeSpan.Zero));
    private readonly AcceptanceActivity _acceptance;
    private readonly ClassificationGate _gate;

    public Giving_way_to_SMTP_acceptance()
    {
        _acceptance = new AcceptanceActivity(_clock);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Ingest:ClassificationHold"] = "00:00:05" })
            .Build();
        _gate = new ClassificationGate(_acceptance, configuration, _clock);
    }

    [Fact]
    public async Task Should_classify_one_batch_at_a_time_while_sessions_come_in()
    {
        using var gate = new ClassificationGate(_acceptance, new ConfigurationBuilder().Build(), _clock);
        using var session = _acceptance.Open();

        var first = await gate.TakeTurnAsync(CancellationToken.None);
        var second = gate.TakeTurnAsync(CancellationToken.None);

        Assert.NotNull(first);
        Assert.False(second.IsCompleted);
        first.Dispose();
        (await second.WaitAsync(TimeSpan.FromSeconds(10)))!.Dispose();
    }

    [Fact]
    public async Task Should_classify_batches_side_by_side_when_nothing_is_being_accepted()
    {
        using var gate = new ClassificationGate(_acceptance, new ConfigurationBuilder().Build(), _clock);

        var first = await gate.TakeTurnAsync(CancellationToken.None);
        var second = await gate.TakeTurnAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Null(first);
        Assert.Null(second);
    }

    [Fact]
    public void Should_classify_at_once_when_nothing_is_being_accepted()
    {
        Assert.True(_gate.WaitAsync(CancellationToken.None).IsCompletedSuccessfully);
    }

    [Fact]
    public async Task Should_hold_a_batch_while_sessions_come_in_and_release_it_when_they_end()
    {
        var sessions = new List<AcceptanceActivity.Session> { _acceptance.Open() };
        var waiting = _gate.WaitAsync(CancellationToken.None);

        // Two seconds of a burst: a session opens every 100 ms.
        await BurstAsync(TimeSpan.FromSeconds(2), sessions);
        Assert.False(waiting.IsCompleted);

        foreach (var session in sessions)
        {
            session.Dispose();
        }

        Assert.True(await AdvanceUntilAsync(waiting, TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void Should_not_count_a_connection_that_sits_idle_as_a_burst()
    {
        using var idle = _acceptance.Open();
        _clock.Advance(TimeSpan.FromSeconds(2));

        Assert.True(_gate.WaitAsync(CancellationToken.None).IsCompletedSuccessfully);
    }

    [Fact]
    public async Task Should_classify_after_the_longest_hold_even_while_the_burst_goes_on()
    {
        var sessions = new List<AcceptanceActivity.Session> { _acceptance.Open() };
        var waiting = _gate.WaitAsync(CancellationToken.None);

        await BurstAsync(TimeSpan.FromSeconds(4.5), sessions);
        Assert.False(waiting.IsCompleted);

        // The hold runs out at 5 s although sessions keep coming; then batches pass at once for as long again.
        Assert.True(await AdvanceUntilAsync(waiting, TimeSpan.FromSeconds(1), sessions));
        sessions.Add(_acceptance.Open());
        Assert.True(_gate.WaitAsync(CancellationToken.None).IsCompletedSuccessfully);

        foreach (var session in sessions)
        {
            session.Dispose();
        }
    }

    /// <summary>Advances the fake clock in small steps, opening a session every 100 ms, for the given time.</summary>
    private async Task BurstAsync(TimeSpan length, List<AcceptanceActivity.Session> sessions)
    {
        for (var elapsed = TimeSpan.Zero; elapsed < length; elapsed += Step)
        {
            if (elapsed.Ticks % TimeSpan.FromMilliseconds(100).Ticks == 0)
            {
                sessions.Add(_acceptance.Open());
            }

            _clock.Advance(Step);
            // The gate's poll continues on the thread pool; let it run before the next step.
            await Task.Yield();
        }
    }

    /// <summary>Advances the fake clock in small steps (opening sessions if a list is given) until the task completes or the time is up.</summary>
    private async Task<bool> AdvanceUntilAsync(Task task, TimeSpan atMost, List<AcceptanceActivity.Session>? sessions = null)
    {
        for (var elapsed = TimeSpan.Zero; elapsed <= atMost && !task.IsCompleted; elapsed += Step)
        {
            sessions?.Add(_acceptance.Open());
            _clock.Advance(Step);
            await Task.WhenAny(task, Task.Delay(10));
        }

        return task.IsCompleted;
    }
}
