using System.Net;

using Backscatter.Domain.Classification;
using Backscatter.Domain.Reports;
using Backscatter.Domain.Verdicts;
using Backscatter.Web.Components.Shared;
using Backscatter.Web.Reports;

using Bunit;

namespace Backscatter.Web.Tests.Components;

/// <summary>A row per report, linked to its detail, with verdict, kind and how many identical copies came.</summary>
public sealed class Listing_reports : ComponentSpecification
{
    private static readonly ReportRow Row = new(
        Guid.Parse("01a21a16-0a34-7f91-a256-355a3f86add9"), new DateTimeOffset(2026, 11, 26, 23, 2, 36, TimeSpan.Zero), ReportStatus.Classified,
        MessageKind.AutoReply, Judgement.Backscatter, "vacation", IPAddress.Parse("81.2.69.160"), "mail.reflector.example",
        "someone@customer.example", "Out of office", DuplicateCount: 2);

    [Fact]
    public void Should_link_each_row_to_its_report_and_say_what_it_is()
    {
        var table = Context.Render<ReportTable>(p => p.Add(c => c.Rows, [Row]));

        var row = table.Find("[data-testid=report-row]");
        Assert.Equal($"reports/{Row.Id}", row.QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("Backscatter", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Auto-reply", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("×3", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("vacation", row.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_leave_out_reason_and_subject_when_compact()
    {
        var table = Context.Render<ReportTable>(p => p.Add(c => c.Rows, [Row]).Add(c => c.Compact, true));

        Assert.DoesNotContain("Out of office", table.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("vacation", table.Markup, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "Not classified yet")]
    [InlineData(Judgement.Undetermined, "Undetermined")]
    [InlineData(Judgement.Legitimate, "Legitimate")]
    public void Should_name_every_verdict(Judgement? verdict, string label)
    {
        var chip = Context.Render<VerdictChip>(p => p.Add(c => c.Verdict, verdict));

        Assert.Contains(label, chip.Markup, StringComparison.Ordinal);
    }
}
