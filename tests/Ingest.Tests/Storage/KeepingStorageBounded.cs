using System.Net;

using Backscatter.Domain.Reports;
using Backscatter.Ingest.Storage;
using Backscatter.Ingest.Tests.Smtp;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Backscatter.Ingest.Tests.Storage;

public sealed class KeepingStorageBounded(RunningIngest ingest) : IClassFixture<RunningIngest>
{
    private Report Aged(TimeSpan age) => new()
    {
        TenantId = ingest.TenantId,
        ClientIp = IPAddress.Loopback,
        Helo = "mx.example.net",
        MailFrom = "",
        RcptTo = [RunningIngest.TenantAddress],
        ReceivedAt = DateTimeOffset.UtcNow - age,
        Size = 4,
        Sha256 = RawMessage.Sha256("test"u8),
        RawMessageCompressed = RawMessage.Compress("test"u8),
        Status = ReportStatus.Classified,
    };

    [Fact]
    public async Task Drops_old_raw_messages_and_older_reports_but_keeps_recent_ones()
    {
        var recent = Aged(TimeSpan.FromDays(1));
        var pastRaw = Aged(TimeSpan.FromDays(31));
        var pastAll = Aged(TimeSpan.FromDays(401));
        await using (var db = ingest.Database.CreateContext())
        {
            db.Reports.AddRange(recent, pastRaw, pastAll);
            await db.SaveChangesAsync();
        }

        await ingest.Services.GetRequiredService<ReportRetention>().PurgeAsync(CancellationToken.None);

        await using var reader = ingest.Database.CreateContext();
        var left = await reader.Reports.AsNoTracking().Where(r => r.Id == recent.Id || r.Id == pastRaw.Id || r.Id == pastAll.Id).ToListAsync();
        Assert.NotNull(Assert.Single(left, r => r.Id == recent.Id).RawMessageCompressed);
        var classificationOnly = Assert.Single(left, r => r.Id == pastRaw.Id);
        Assert.Null(classificationOnly.RawMessageCompressed);
        Assert.Equal(ReportStatus.Classified, classificationOnly.Status);
        Assert.DoesNotContain(left, r => r.Id == pastAll.Id);
    }
}
