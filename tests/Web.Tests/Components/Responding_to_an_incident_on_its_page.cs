using Backscatter.Domain.Incidents;
using Backscatter.Web.Components.Shared;

using Bunit;

namespace Backscatter.Web.Tests.Components;

/// <summary>Acknowledge and resolve appear for an open incident and a member who may change things; who is on it is shown to everyone.</summary>
public sealed class Responding_to_an_incident_on_its_page : ComponentSpecification
{
    private static Incident Open() => new() { TenantId = Guid.NewGuid(), Severity = 2 };

    private static string[] Buttons(IRenderedComponent<IncidentResponseBar> bar) =>
        [.. bar.FindAll("button").Select(b => b.GetAttribute("data-testid") ?? "")];

    [Fact]
    public void Should_offer_acknowledge_and_resolve_on_an_open_incident()
    {
        var bar = Context.Render<IncidentResponseBar>(p => p.Add(c => c.Incident, Open()).Add(c => c.CanRespond, true));

        Assert.Equal(["acknowledge", "resolve"], Buttons(bar));
    }

    [Fact]
    public void Should_offer_nothing_to_a_viewer()
    {
        var bar = Context.Render<IncidentResponseBar>(p => p.Add(c => c.Incident, Open()).Add(c => c.CanRespond, false));

        Assert.Empty(Buttons(bar));
    }

    [Fact]
    public void Should_say_who_acknowledged_and_when_escalations_alert_again()
    {
        var incident = Open();
        incident.AcknowledgedAt = new DateTimeOffset(2026, 11, 26, 23, 0, 0, TimeSpan.Zero);
        incident.AcknowledgedBy = "admin@alpha.example";
        incident.AcknowledgedSeverity = 2;

        var bar = Context.Render<IncidentResponseBar>(p => p.Add(c => c.Incident, incident).Add(c => c.CanRespond, true));

        Assert.Equal(["resolve"], Buttons(bar));
        var text = bar.Find("[data-testid=acknowledged]").TextContent;
        Assert.Contains("admin@alpha.example", text, StringComparison.Ordinal);
        Assert.Contains("from severity 4", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_ask_to_confirm_before_resolving()
    {
        var resolved = 0;
        var bar = Context.Render<IncidentResponseBar>(p => p.Add(c => c.Incident, Open()).Add(c => c.CanRespond, true).Add(c => c.Resolved, () => resolved++));

        bar.Find("[data-testid=resolve]").Click();
        Assert.Equal(0, resolved);
        bar.Find("[data-testid=confirm-resolve]").Click();

        Assert.Equal(1, resolved);
    }

    [Fact]
    public void Should_offer_nothing_on_a_resolved_incident_and_say_who_resolved_it()
    {
        var incident = Open();
        incident.Status = IncidentStatus.Resolved;
        incident.ResolvedBy = "owner@alpha.example";

        var bar = Context.Render<IncidentResponseBar>(p => p.Add(c => c.Incident, incident).Add(c => c.CanRespond, true));

        Assert.Empty(Buttons(bar));
        Assert.Contains("Resolved by owner@alpha.example", bar.Find("[data-testid=resolved-by]").TextContent, StringComparison.Ordinal);
    }
}
