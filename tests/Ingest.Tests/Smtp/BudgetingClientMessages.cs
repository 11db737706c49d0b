using System.Net;

using Backscatter.Ingest.Smtp;

using Microsoft.Extensions.Time.Testing;

namespace Backscatter.Ingest.Tests.Smtp;

public sealed class BudgetingClientMessages
{
    private static readonly IPAddress Client = IPAddress.Parse("192.0.2.25");
    private readonly FakeTimeProvider _clock = new();
    private readonly SmtpClientLimits _limits;

    public BudgetingClientMessages() =>
        _limits = new SmtpClientLimits(new SmtpOptions { MaxMessagesPerMinutePerClient = 60 }, _clock);

    [Fact]
    public void Should_allow_the_budget_at_once_and_refuse_the_next_message()
    {
        var taken = Enumerable.Range(0, 60).Count(_ => _limits.TryTakeMessage(Client));

        Assert.Equal(60, taken);
        Assert.False(_limits.TryTakeMessage(Client));
    }

    [Fact]
    public void Should_refill_evenly_so_that_no_minute_boundary_doubles_the_budget()
    {
        Enumerable.Range(0, 60).ToList().ForEach(_ => _limits.TryTakeMessage(Client));

        _clock.Advance(TimeSpan.FromSeconds(10));
        var afterTenSeconds = Enumerable.Range(0, 60).Count(_ => _limits.TryTakeMessage(Client));

        Assert.Equal(10, afterTenSeconds);
    }

    [Fact]
    public void Should_count_each_client_address_on_its_own()
    {
        Enumerable.Range(0, 60).ToList().ForEach(_ => _limits.TryTakeMessage(Client));

        Assert.True(_limits.TryTakeMessage(IPAddress.Parse("192.0.2.26")));
    }
}
