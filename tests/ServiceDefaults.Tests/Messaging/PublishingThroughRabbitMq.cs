using System.Collections.Concurrent;

using Backscatter.Domain.Contracts;
using Backscatter.ServiceDefaults;
using Backscatter.Testing;

using MassTransit;

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Backscatter.ServiceDefaults.Tests.Messaging;

/// <summary>
/// Two hosts wired the way every Backscatter host is (<see cref="MessageBusExtensions.AddMessageBus"/>),
/// talking through the real broker that ./test.sh starts: one publishes, the other consumes.
/// </summary>
public sealed class PublishingThroughRabbitMq : IAsyncLifetime
{
    private readonly string _busScope = LocalServices.NewBusScope();
    private IHost? _consumerHost;
    private IHost? _publisherHost;

    public async Task InitializeAsync()
    {
        _consumerHost = BuildHost(bus => bus.AddConsumer<RecordingReportReceivedConsumer>());
        _publisherHost = BuildHost(null);
        await _consumerHost.StartAsync();
        await _publisherHost.StartAsync();
        await WaitUntilStartedAsync(_consumerHost);
        await WaitUntilStartedAsync(_publisherHost);
    }

    public async Task DisposeAsync()
    {
        foreach (var host in new[] { _publisherHost, _consumerHost })
        {
            if (host is not null)
            {
                await host.StopAsync();
                host.Dispose();
            }
        }
    }

    [Fact]
    public async Task Delivers_a_published_event_to_the_consumer_of_the_other_host()
    {
        var sent = new ReportReceived(Guid.CreateVersion7(), Guid.CreateVersion7(), DateTimeOffset.UtcNow);

        await _publisherHost!.Services.GetRequiredService<IPublishEndpoint>().Publish(sent);

        var received = await RecordingReportReceivedConsumer.WaitForAsync(sent.ReportId, TimeSpan.FromSeconds(30));
        Assert.Equal(sent, received);
    }

    private IHost BuildHost(Action<IBusRegistrationConfigurator>? consumers)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(LocalServices.Settings(busScope: _busScope)
            .ToDictionary(kv => kv.Key, kv => (string?)kv.Value));
        builder.AddMessageBus(consumers);
        return builder.Build();
    }

    private static async Task WaitUntilStartedAsync(IHost host)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await host.Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, timeout.Token);
    }

    /// <summary>Stands in for a host's consumer; remembers what arrived.</summary>
    public sealed class RecordingReportReceivedConsumer : IConsumer<ReportReceived>
    {
        private static readonly ConcurrentDictionary<Guid, TaskCompletionSource<ReportReceived>> Arrivals = new();

        public Task Consume(ConsumeContext<ReportReceived> context)
        {
            Arrival(context.Message.ReportId).TrySetResult(context.Message);
            return Task.CompletedTask;
        }

        public static Task<ReportReceived> WaitForAsync(Guid reportId, TimeSpan timeout) =>
            Arrival(reportId).Task.WaitAsync(timeout);

        private static TaskCompletionSource<ReportReceived> Arrival(Guid reportId) =>
            Arrivals.GetOrAdd(reportId, _ => new TaskCompletionSource<ReportReceived>(TaskCreationOptions.RunContinuationsAsynchronously));
    }
}
