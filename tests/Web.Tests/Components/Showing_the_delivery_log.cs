using Backscatter.Domain.Alerts;
using Backscatter.Web.Alerts;
using Backscatter.Web.Components.Shared;

using Bunit;

namespace Backscatter.Web.Tests.Components;

/// <summary>Each delivery with its time, event, status, response code and attempts; pages when there are many.</summary>
public sealed class Showing_the_delivery_log : ComponentSpecification
{
    private static readonly DateTimeOffset At = new(2026, 11, 26, 23, 2, 36, TimeSpan.Zero);

    private static AlertDelivery Delivery(AlertEvent e, AlertDeliveryStatus status, int? code, int attempts, string? error = null) => new()
    {
        Event = e,
        Status = status,
        ResponseCode = code,
        Attempts = attempts,
        Error = error,
        CreatedAt = At,
    };

    [Fact]
    public void Should_show_each_delivery_as_a_row()
    {
        var log = new DeliveryLogPage(
            [
                Delivery(AlertEvent.Test, AlertDeliveryStatus.Delivered, 200, 1),
                Delivery(AlertEvent.IncidentOpened, AlertDeliveryStatus.Failed, null, 5, "Gave up after 5 attempt(s)."),
            ], 1, 20, 2);

        var component = Context.Render<DeliveryLog>(p => p.Add(c => c.Log, log));

        var rows = component.FindAll("[data-testid=delivery]");
        Assert.Equal(2, rows.Count);
        var cells = rows[0].QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToArray();
        Assert.Equal(["2026-11-26 23:02:36", "Test", "Delivered", "200", "1", ""], cells);
        var failed = rows[1].QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToArray();
        Assert.Equal(["Incident opened", "Failed", "—", "5", "Gave up after 5 attempt(s)."], failed[1..]);
        Assert.Empty(component.FindAll(".mud-pagination"));
    }

    [Fact]
    public void Should_say_when_nothing_was_sent()
    {
        var component = Context.Render<DeliveryLog>(p => p.Add(c => c.Log, new DeliveryLogPage([], 1, 20, 0)));

        Assert.Single(component.FindAll("[data-testid=delivery-log-empty]"));
    }

    [Fact]
    public void Should_offer_the_other_pages_and_ask_for_the_one_chosen()
    {
        var asked = 0;
        var log = new DeliveryLogPage([Delivery(AlertEvent.Test, AlertDeliveryStatus.Delivered, 200, 1)], 1, 20, 45);

        var component = Context.Render<DeliveryLog>(p => p.Add(c => c.Log, log).Add(c => c.PageChanged, (int page) => asked = page));
        component.FindAll(".mud-pagination button").Single(b => b.TextContent.Trim() == "3").Click();

        Assert.Equal(3, asked);
    }
}
