using System.Net;
using System.Security.Cryptography;

using Backscatter.Domain.Reports;
using Backscatter.Domain.Tenancy;
using Backscatter.Testing;

using Microsoft.EntityFrameworkCore;

namespace Backscatter.Domain.Tests.Persistence;

public sealed class MigratingAFreshDatabase(MigratedTestDatabase database) : IClassFixture<MigratedTestDatabase>
{
    private readonly MigratedTestDatabase _database = database;

    [Fact]
    public async Task Leaves_no_migration_pending()
    {
        await using var db = _database.CreateContext();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync());
    }

    [Fact]
    public async Task Matches_the_model_so_no_new_migration_is_needed()
    {
        await using var db = _database.CreateContext();

        Assert.False(db.Database.HasPendingModelChanges(), "The model changed without a migration: run dotnet ef migrations add.");
    }

    [Fact]
    public async Task Round_trips_a_report_with_its_raw_message_byte_identical()
    {
        // Bytes that text handling would damage: CR-only and CRLF line ends, 8-bit, NUL, invalid UTF-8.
        var raw = new byte[64 * 1024];
        RandomNumberGenerator.Fill(raw.AsSpan(32 * 1024));
        "From: MAILER-DAEMON\r\nSubject: Undelivered\rMail\n\n\0\xff\xfe"u8.CopyTo(raw);
        var tenant = new Tenant { Name = "Example Ltd", CreatedAt = DateTimeOffset.UtcNow };
        var report = new Report
        {
            TenantId = tenant.Id,
            ClientIp = IPAddress.Parse("2001:db8::25"),
            Helo = "mx.example.net",
            MailFrom = "",
            RcptTo = ["demo@in.backscatter.test"],
            ReceivedAt = new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero),
            Size = raw.Length,
            Sha256 = RawMessage.Sha256(raw),
            RawMessageCompressed = RawMessage.Compress(raw),
        };
        await using (var db = _database.CreateContext())
        {
            db.Tenants.Add(tenant);
            db.Reports.Add(report);
            await db.SaveChangesAsync();
        }

        await using var reader = _database.CreateContext();
        var stored = await reader.Reports.AsNoTracking().SingleAsync(r => r.Id == report.Id);

        Assert.Equal(raw, RawMessage.Decompress(stored.RawMessageCompressed!));
        Assert.Equal(report.Sha256, stored.Sha256);
        Assert.Equal(report.ClientIp, stored.ClientIp);
        Assert.Equal("", stored.MailFrom);
        Assert.Equal(report.RcptTo, stored.RcptTo);
        Assert.Equal(report.ReceivedAt, stored.ReceivedAt);
        Assert.Equal(ReportStatus.Received, stored.Status);
    }

    [Fact]
    public async Task Refuses_the_same_ingest_address_for_two_tenants()
    {
        var first = new Tenant { Name = "First" };
        var second = new Tenant { Name = "Second" };
        first.IngestAddresses.Add(new IngestAddress { Address = "shared@in.backscatter.test" });
        second.IngestAddresses.Add(new IngestAddress { Address = "shared@in.backscatter.test" });
        await using var db = _database.CreateContext();
        db.Tenants.AddRange(first, second);

        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }
}
