using System.Text.Json.Nodes;

using Backscatter.Domain.Alerts;

namespace Backscatter.Domain.Tests.Alerts;

public class Formatting_Slack_messages
{
    private static AlertContent Alert(AlertEvent alert, string tenant = "Acme", int campaigns = 2) => new()
    {
        Event = alert,
        DeliveryId = Guid.NewGuid(),
        TenantId = Guid.NewGuid(),
        TenantName = tenant,
        CreatedAt = DateTimeOffset.UnixEpoch,
        IncidentId = alert == AlertEvent.Test ? null : Guid.NewGuid(),
        IncidentUrl = alert == AlertEvent.Test ? null : new Uri("https://portal.example/incidents/1"),
        Severity = 3,
        ReportCount = 12345,
        WindowCount = 600,
        PeakWindowCount = 800,
        Threshold = 50,
        OpenedAt = DateTimeOffset.UnixEpoch,
        ResolvedAt = alert == AlertEvent.IncidentResolved ? DateTimeOffset.UnixEpoch.AddHours(1) : null,
        Campaigns = [.. Enumerable.Range(0, campaigns).Select(i => new AlertCampaign($"subject {i}", "*@acme.example", 100 - i))],
    };

    private static IEnumerable<JsonNode> Blocks(JsonObject message, string type) =>
        message["blocks"]!.AsArray().Where(b => (string?)b!["type"] == type).Select(b => b!);

    [Theory]
    [InlineData(AlertEvent.IncidentOpened, "Backscatter incident opened at Acme")]
    [InlineData(AlertEvent.IncidentEscalated, "Backscatter incident escalated to severity 3 at Acme")]
    [InlineData(AlertEvent.IncidentResolved, "Backscatter incident resolved at Acme")]
    [InlineData(AlertEvent.Test, "Test alert from Backscatter.Cloud for Acme")]
    public void Should_say_what_happened_in_the_text_and_the_header(AlertEvent alert, string title)
    {
        var message = SlackMessage.For(Alert(alert));

        Assert.StartsWith(title, (string?)message["text"], StringComparison.Ordinal);
        Assert.Equal(title, (string?)Blocks(message, "header").Single()["text"]!["text"]);
    }

    [Fact]
    public void Should_show_the_counts_as_fields_with_thousands_separators()
    {
        var fields = Blocks(SlackMessage.For(Alert(AlertEvent.IncidentResolved)), "section").First()["fields"]!.AsArray()
            .Select(f => (string?)f!["text"]).ToList();

        Assert.Contains("*Reports*\n12,345", fields);
        Assert.Contains("*Peak window*\n800", fields);
        Assert.Contains("*Resolved*\n1970-01-01 01:00:00Z", fields);
        Assert.InRange(fields.Count, 1, 10);
    }

    [Fact]
    public void Should_keep_within_Slacks_limits_whatever_the_tenant_is_called()
    {
        var message = SlackMessage.For(Alert(AlertEvent.IncidentOpened, tenant: new string('x', 500), campaigns: 40));

        Assert.InRange(((string?)Blocks(message, "header").Single()["text"]!["text"])!.Length, 1, 150);
        Assert.InRange(((string?)message["text"])!.Length, 1, 3000);
        var campaigns = (string?)Blocks(message, "section").Last()["text"]!["text"];
        Assert.Equal(6, campaigns!.Split('\n').Length);
    }

    [Fact]
    public void Should_link_to_the_incident_and_not_offer_a_link_for_a_test()
    {
        Assert.Equal("https://portal.example/incidents/1", (string?)Blocks(SlackMessage.For(Alert(AlertEvent.IncidentOpened)), "actions").Single()["elements"]![0]!["url"]);
        Assert.Empty(Blocks(SlackMessage.For(Alert(AlertEvent.Test)), "actions"));
    }

    [Theory]
    [InlineData("<!channel> & <https://evil.example|click>", "&lt;!channel&gt; &amp; &lt;https://evil.example|click&gt;")]
    [InlineData("line\nbreak", "line break")]
    public void Should_escape_what_spammers_control(string text, string expected)
    {
        Assert.Equal(expected, SlackMessage.Escape(text));
    }
}
