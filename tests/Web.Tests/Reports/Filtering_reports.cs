using System.Net;

using Backscatter.Domain.Classification;
using Backscatter.Domain.Reports;
using Backscatter.Domain.Verdicts;
using Backscatter.Testing;
using Backscatter.Web.Reports;

using Microsoft.EntityFrameworkCore;

namespace Backscatter.Web.Tests.Reports;

/// <summary>The reports filter, run by PostgreSQL: each field narrows, search text is taken literally.</summary>
public sealed class Filtering_reports(MigratedTestDatabase database) : IClassFixture<MigratedTestDatabase>, IAsyncLifetime
{
    private static readonly Guid Tenant = Guid.CreateVersion7();
    private static readonly DateTimeOffset Day = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    public async Task InitializeAsync()
    {
        await using var db = database.CreateContext();
        if (await db.Tenants.AnyAsync())
        {
            return;
        }

        db.Tenants.Add(new Backscatter.Domain.Tenancy.Tenant { Id = Tenant, Name = "Filters" });
        db.Reports.AddRange(
            Report("a", MessageKind.DeliveryStatusNotification, Judgement.Backscatter, "userunknown", "81.2.69.160", "mx.reflector.example", "jane@customer.example", "Invoice 100% overdue", Day),
            Report("b", MessageKind.AutoReply, Judgement.Undetermined, "vacation", null, null, "joe@customer.example", "Out of office", Day.AddDays(-3)),
            Report("c", MessageKind.NonStandardBounce, Judgement.Legitimate, "mailboxfull", "81.2.69.170", "smtp.other.example", "jim@customer.example", "Invoice 1000 overdue", Day.AddDays(2)));
        await db.SaveChangesAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<List<string?>> SubjectsAsync(ReportFilter filter)
    {
        await using var db = database.CreateContext();
        db.RestrictToTenant(Tenant);
        return await filter.Apply(db.Reports).OrderBy(r => r.ReceivedAt).Select(r => r.OriginalSubject).ToListAsync();
    }

    [Fact]
    public async Task Should_narrow_by_kind_verdict_and_reason()
    {
        Assert.Equal(["Out of office"], await SubjectsAsync(new ReportFilter { Kind = MessageKind.AutoReply }));
        Assert.Equal(["Invoice 1000 overdue"], await SubjectsAsync(new ReportFilter { Verdict = Judgement.Legitimate }));
        Assert.Equal(["Invoice 100% overdue"], await SubjectsAsync(new ReportFilter { Reason = " UserUnknown " }));
    }

    [Fact]
    public async Task Should_narrow_by_dates_with_the_end_excluded()
    {
        var filter = new ReportFilter { From = Day.AddDays(-1), To = Day.AddDays(2) };

        Assert.Equal(["Invoice 100% overdue"], await SubjectsAsync(filter));
    }

    [Fact]
    public async Task Should_find_a_reflector_by_address_or_by_part_of_its_name()
    {
        Assert.Equal(["Invoice 1000 overdue"], await SubjectsAsync(new ReportFilter { Reflector = "81.2.69.170" }));
        Assert.Equal(["Invoice 100% overdue"], await SubjectsAsync(new ReportFilter { Reflector = "REFLECTOR.example" }));
    }

    [Fact]
    public async Task Should_search_recipient_subject_and_message_id_taking_wildcards_literally()
    {
        Assert.Equal(["Out of office"], await SubjectsAsync(new ReportFilter { Search = "joe@" }));
        Assert.Equal(["Invoice 1000 overdue"], await SubjectsAsync(new ReportFilter { Search = "<c@msgid" }));
        Assert.Equal(["Invoice 100% overdue"], await SubjectsAsync(new ReportFilter { Search = "100%" }));
        Assert.Empty(await SubjectsAsync(new ReportFilter { Search = "_nvoice" }));
    }

    private static Report Report(
        string name, MessageKind kind, Judgement verdict, string reason, string? reflector, string? host, string bouncedTo, string subject, DateTimeOffset at) => new()
        {
            TenantId = Tenant,
            ClientIp = IPAddress.Loopback,
            Helo = "mx",
            MailFrom = "",
            RcptTo = ["x@in.backscatter.test"],
            ReceivedAt = at,
            Sha256 = new byte[32],
            Status = ReportStatus.Classified,
            Kind = kind,
            Judgement = verdict,
            Reason = reason,
            ReflectorIp = reflector is null ? null : IPAddress.Parse(reflector),
            ReflectorHost = host,
            BouncedTo = bouncedTo,
            OriginalSubject = subject,
            OriginalMessageId = $"<{name}@msgid.example>",
        };
}
