using Backscatter.Domain.Contracts;
using Backscatter.Web.Setup;
using Backscatter.Web.Tests.Isolation;

using MassTransit;
using MassTransit.Testing;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Backscatter.Web.Tests.Setup;

/// <summary>
/// Removing a verified ingest domain is announced as <see cref="IngestDomainReleased"/> once the
/// removal is committed; a pending claim routed no mail and is not announced.
/// </summary>
public sealed class Announcing_released_ingest_domains(TwoTenants tenants) : IngestDomainSpecification(tenants)
{
    [Fact]
    public async Task Should_publish_a_removed_verified_domain_as_released_by_its_tenant_after_removing_it()
    {
        await using var provider = new ServiceCollection()
            .AddMassTransitTestHarness(bus => bus.AddHandler<IngestDomainReleased>(async context =>
            {
                // What the announcement finds in the database when it arrives: the removal is committed.
                await using var db = Tenants.Database.CreateContext();
                Removed.TrySetResult(!await db.IngestDomains.AnyAsync(d => d.Name == context.Message.Domain));
            }))
            .BuildServiceProvider(true);
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();
        var releases = new IngestDomainReleases(harness.Bus, NullLogger<IngestDomainReleases>.Instance);
        var owner = await SetupMembers.PrincipalOfAsync(Tenants.Services, Tenants.Alpha.Email);
        var name = $"released-{Guid.NewGuid():N}.alpha.example";
        Assert.Equal(SetupOutcome.Changed, (await Desk.AddAsync(owner, name)).Outcome);
        var entry = await Desk.EntryAsync(owner, name);
        Dns.Txt(entry.RecordName, entry.RecordValue);
        Assert.Equal(SetupOutcome.Changed, (await Desk.VerifyAsync(owner, entry.Id)).Outcome);

        var removed = await Desk.UseAsync(d => d.RemoveAsync(owner, entry.Id), releases);

        Assert.Equal(SetupOutcome.Changed, removed.Outcome);
        Assert.True(await harness.Published.Any<IngestDomainReleased>(m => m.Context.Message.Domain == name));
        var published = Assert.Single(harness.Published.Select<IngestDomainReleased>(m => m.Context.Message.Domain == name));
        Assert.Equal((name, Tenants.Alpha.TenantId, IngestDomainRelease.Removed), (published.Context.Message.Domain, published.Context.Message.TenantId, published.Context.Message.Reason));
        Assert.True(await Removed.Task.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task Should_publish_nothing_for_a_removed_claim_that_was_never_verified()
    {
        await using var provider = new ServiceCollection()
            .AddMassTransitTestHarness(bus => bus.SetTestTimeouts(testInactivityTimeout: TimeSpan.FromSeconds(1)))
            .BuildServiceProvider(true);
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();
        var releases = new IngestDomainReleases(harness.Bus, NullLogger<IngestDomainReleases>.Instance);
        var owner = await SetupMembers.PrincipalOfAsync(Tenants.Services, Tenants.Alpha.Email);
        var name = $"pending-{Guid.NewGuid():N}.alpha.example";
        Assert.Equal(SetupOutcome.Changed, (await Desk.AddAsync(owner, name)).Outcome);
        var entry = await Desk.EntryAsync(owner, name);

        var removed = await Desk.UseAsync(d => d.RemoveAsync(owner, entry.Id), releases);

        Assert.Equal(SetupOutcome.Changed, removed.Outcome);
        Assert.False(await harness.Published.Any<IngestDomainReleased>());
    }

    private TaskCompletionSource<bool> Removed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
