using System.Net;

using Backscatter.Domain.Reports;
using Backscatter.Domain.Tenancy;
using Backscatter.Ingest.Cli;
using Backscatter.Testing;

using Microsoft.EntityFrameworkCore;

namespace Backscatter.Ingest.Tests.Cli;

/// <summary>
/// <c>retry-failed</c> against a real database, as the Ingest's own login: failed reports back to
/// Received for the sweeper, narrowed by tenant and time, those without a raw message left alone.
/// </summary>
public sealed class Running_the_retry_failed_verb : IAsyncLifetime
{
    private readonly MigratedTestDatabase _database = new();
    private readonly Guid _tenant = Guid.CreateVersion7();
    private readonly Guid _other = Guid.CreateVersion7();
    private readonly DateTimeOffset _now = DateTimeOffset.UtcNow;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        await using var db = _database.CreateContext();
        db.Tenants.AddRange(new Tenant { Id = _tenant, Name = "Retry" }, new Tenant { Id = _other, Name = "Other" });
        await db.SaveChangesAsync();
    }

    public Task DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task Puts_failed_reports_back_to_be_classified_and_leaves_the_others()
    {
        var failed = await StoreAsync(_tenant, ReportStatus.Failed, TimeSpan.FromHours(1));
        var classified = await StoreAsync(_tenant, ReportStatus.Classified, TimeSpan.FromHours(1));
        var purged = await StoreAsync(_tenant, ReportStatus.Failed, TimeSpan.FromDays(40), withRaw: false);

        var (exit, output, _) = await RunAsync();

        Assert.Equal(0, exit);
        Assert.StartsWith("1 failed reports will be classified again", output, StringComparison.Ordinal);
        Assert.Contains("1 have no raw message left", output, StringComparison.Ordinal);
        var retried = await ReportAsync(failed);
        Assert.Equal(ReportStatus.Received, retried.Status);
        Assert.Null(retried.Failure);
        Assert.Equal(ReportStatus.Classified, (await ReportAsync(classified)).Status);
        Assert.Equal(ReportStatus.Failed, (await ReportAsync(purged)).Status);
    }

    [Fact]
    public async Task Retries_only_the_named_tenants_reports_received_since_the_given_time()
    {
        var recent = await StoreAsync(_tenant, ReportStatus.Failed, TimeSpan.FromHours(1));
        var older = await StoreAsync(_tenant, ReportStatus.Failed, TimeSpan.FromDays(3));
        var others = await StoreAsync(_other, ReportStatus.Failed, TimeSpan.FromHours(1));

        var (exit, _, _) = await RunAsync("--tenant", _tenant.ToString(), "--since", _now.AddDays(-1).ToString("O"));

        Assert.Equal(0, exit);
        Assert.Equal(ReportStatus.Received, (await ReportAsync(recent)).Status);
        Assert.Equal(ReportStatus.Failed, (await ReportAsync(older)).Status);
        Assert.Equal(ReportStatus.Failed, (await ReportAsync(others)).Status);
    }

    [Fact]
    public async Task Changes_nothing_on_a_dry_run_and_says_how_many_it_would_retry()
    {
        var failed = await StoreAsync(_tenant, ReportStatus.Failed, TimeSpan.FromHours(1));

        var (exit, output, errors) = await RunAsync("--dry-run");

        Assert.True(exit == 0, errors);
        Assert.StartsWith("1 failed reports would be classified again", output, StringComparison.Ordinal);
        Assert.Equal(ReportStatus.Failed, (await ReportAsync(failed)).Status);
    }

    [Theory]
    [InlineData("--tenant", "not-a-tenant-id")]
    [InlineData("--since", "yesterday-ish")]
    [InlineData("--tenant")]
    [InlineData("--everything")]
    public async Task Refuses_arguments_it_does_not_understand_with_the_usage(params string[] args)
    {
        var failed = await StoreAsync(_tenant, ReportStatus.Failed, TimeSpan.FromHours(1));

        var (exit, _, errors) = await RunAsync(args);

        Assert.Equal(2, exit);
        Assert.Contains("usage: retry-failed", errors, StringComparison.Ordinal);
        Assert.Equal(ReportStatus.Failed, (await ReportAsync(failed)).Status);
    }

    private async Task<(int Exit, string Output, string Errors)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await RetryFailedCommand.RunAsync(args, _database.ConnectionStringFor(HostLogin.Ingest), stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private async Task<Guid> StoreAsync(Guid tenant, ReportStatus status, TimeSpan age, bool withRaw = true)
    {
        var report = new Report
        {
            TenantId = tenant,
            ClientIp = IPAddress.Loopback,
            Helo = "mx.example.net",
            MailFrom = "",
            RcptTo = ["retry@in.backscatter.test"],
            ReceivedAt = _now - age,
            Size = 4,
            Sha256 = RawMessage.Sha256("test"u8),
            RawMessageCompressed = withRaw ? RawMessage.Compress("test"u8) : null,
            Status = status,
            Failure = status == ReportStatus.Failed ? "System.FormatException: the classifier's fault" : null,
        };
        await using var db = _database.CreateContext();
        db.Reports.Add(report);
        await db.SaveChangesAsync();
        return report.Id;
    }

    private async Task<Report> ReportAsync(Guid id)
    {
        await using var db = _database.CreateContext();
        return await db.Reports.AsNoTracking().SingleAsync(r => r.Id == id);
    }
}
