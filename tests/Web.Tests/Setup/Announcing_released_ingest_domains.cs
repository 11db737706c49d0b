using System.Security.Claims;

using Backscatter.Domain.Contracts;
using Backscatter.Web.Setup;
using Backscatter.Web.Tests.Isolation;

using MassTransit;
using MassTransit.Testing;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Backscatter.Web.Tests.Setup;

/// <summary>
/// Removing a verified ingest domain is announced as <see cref="IngestDomainReleased"/> once the
/// removal is committed; a pending claim routed no mail and is not announced; a broker that refuses
/// the announcement does not undo the removal.
/// </summary>
public sealed class Announcing_released_ingest_domains(TwoTenants tenants) : IngestDomainSpecification(tenants)
{
    private readonly FakeLogger<IngestDomainReleases> _log = new();

    [Fact]
    public async Task Should_publish_a_removed_verified_domain_as_released_by_its_tenant_after_removing_it()
    {
        var committed = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var provider = new ServiceCollection()
            .AddMassTransitTestHarness(bus => bus.AddHandler<IngestDomainReleased>(async context =>
            {
                // What the announcement finds in the database when it arrives: the removal is committed.
                await using var db = Tenants.Database.CreateContext();
                committed.TrySetResult(!await db.IngestDomains.AnyAsync(d => d.Name == context.Message.Domain));
            }))
            .BuildServiceProvider(true);
        var harness = await StartAsync(provider);
        var (owner, entry) = await VerifiedAsync("released");

        var removed = await Desk.UseAsync(d => d.RemoveAsync(owner, entry.Id), Releases(harness));

        Assert.Equal(SetupOutcome.Changed, removed.Outcome);
        Assert.True(await harness.Published.Any<IngestDomainReleased>(m => m.Context.Message.Domain == entry.Name));
        var published = Assert.Single(harness.Published.Select<IngestDomainReleased>(m => m.Context.Message.Domain == entry.Name)).Context.Message;
        Assert.Equal((entry.Name, Tenants.Alpha.TenantId, IngestDomainRelease.Removed), (published.Domain, published.TenantId, published.Reason));
        Assert.True(await committed.Task.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task Should_publish_nothing_for_a_removed_claim_that_was_never_verified()
    {
        await using var provider = new ServiceCollection()
            .AddMassTransitTestHarness(bus => bus.SetTestTimeouts(testInactivityTimeout: TimeSpan.FromSeconds(1)))
            .BuildServiceProvider(true);
        var harness = await StartAsync(provider);
        var owner = await SetupMembers.PrincipalOfAsync(Tenants.Services, Tenants.Alpha.Email);
        var name = $"pending-{Guid.NewGuid():N}.alpha.example";
        Assert.Equal(SetupOutcome.Changed, (await Desk.AddAsync(owner, name)).Outcome);
        var entry = await Desk.EntryAsync(owner, name);

        var removed = await Desk.UseAsync(d => d.RemoveAsync(owner, entry.Id), Releases(harness));

        Assert.Equal(SetupOutcome.Changed, removed.Outcome);
        Assert.False(await harness.Published.Any<IngestDomainReleased>());
    }

    [Fact]
    public async Task Should_keep_the_removal_and_log_a_warning_when_the_broker_refuses_the_announcement()
    {
        await using var provider = new ServiceCollection()
            .AddMassTransitTestHarness(bus => bus.UsingInMemory((context, cfg) =>
            {
                cfg.ConfigurePublish(p => p.UseExecute(_ => throw new InvalidOperationException("The broker refused the message.")));
                cfg.ConfigureEndpoints(context);
            }))
            .BuildServiceProvider(true);
        var harness = await StartAsync(provider);
        var (owner, entry) = await VerifiedAsync("unannounced");

        var removed = await Desk.UseAsync(d => d.RemoveAsync(owner, entry.Id), Releases(harness));

        Assert.Equal(SetupOutcome.Changed, removed.Outcome);
        await using var db = Tenants.Database.CreateContext();
        Assert.False(await db.IngestDomains.AnyAsync(d => d.Id == entry.Id));
        var warning = Assert.Single(_log.Collector.GetSnapshot(), r => r.Level == LogLevel.Warning);
        Assert.Contains(entry.Name, warning.Message, StringComparison.Ordinal);
        Assert.Equal("The broker refused the message.", warning.Exception?.Message);
    }

    private static async Task<ITestHarness> StartAsync(IServiceProvider provider)
    {
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();
        return harness;
    }

    private IngestDomainReleases Releases(ITestHarness harness) => new(harness.Bus, _log);

    /// <summary>A domain of Alpha's, added and verified through "Check now".</summary>
    private async Task<(ClaimsPrincipal Owner, IngestDomainEntry Entry)> VerifiedAsync(string label)
    {
        var owner = await SetupMembers.PrincipalOfAsync(Tenants.Services, Tenants.Alpha.Email);
        return (owner, await AddVerifiedAsync(owner, $"{label}-{Guid.NewGuid():N}.alpha.example"));
    }
}
