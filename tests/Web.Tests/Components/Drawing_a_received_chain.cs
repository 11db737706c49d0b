using System.Net;

using Backscatter.Web.Components.Shared;
using Backscatter.Web.Reports;

using Bunit;

namespace Backscatter.Web.Tests.Components;

/// <summary>The Received chain as hops: in the order the mail travelled, the reflector marked, delays between hops.</summary>
public sealed class Drawing_a_received_chain : ComponentSpecification
{
    private static readonly DateTimeOffset Start = new(2026, 11, 26, 10, 0, 0, TimeSpan.Zero);

    // As in the message: the newest header (the last hop) on top.
    private static readonly Hop[] Headers =
    [
        new("mail.reflector.example", IPAddress.Parse("81.2.69.160"), "mx1.customer.example", Start.AddMinutes(3)),
        new("relay.reflector.example", IPAddress.Parse("10.1.2.3"), "mail.reflector.example", Start.AddSeconds(20)),
        new("sender.example", IPAddress.Parse("203.0.113.66"), "relay.reflector.example", Start),
    ];

    [Fact]
    public void Should_draw_the_hops_in_the_order_the_mail_travelled()
    {
        var chain = Context.Render<ReceivedChain>(p => p.Add(c => c.Hops, Headers));

        var hops = chain.FindAll("[data-testid=hop] .hop-from strong").Select(e => e.TextContent).ToList();
        Assert.Equal(["sender.example", "relay.reflector.example", "mail.reflector.example"], hops);
    }

    [Fact]
    public void Should_mark_the_reflector_and_internal_addresses()
    {
        var chain = Context.Render<ReceivedChain>(p => p
            .Add(c => c.Hops, Headers)
            .Add(c => c.ReflectorIp, IPAddress.Parse("81.2.69.160")));

        var hops = chain.FindAll("[data-testid=hop]");
        Assert.Contains("hop-reflector", hops[2].ClassList);
        Assert.Contains("reflector", hops[2].TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("hop-reflector", hops[0].ClassList);
        Assert.Contains("internal", hops[1].TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("internal", hops[0].TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_show_the_time_each_hop_took()
    {
        var chain = Context.Render<ReceivedChain>(p => p.Add(c => c.Hops, Headers));

        var delays = chain.FindAll(".hop-delay").Select(e => e.TextContent).ToList();
        Assert.Equal(["(+20 s)", "(+3 min)"], delays);
    }

    [Fact]
    public void Should_say_so_when_there_are_no_received_headers()
    {
        var chain = Context.Render<ReceivedChain>(p => p.Add(c => c.Hops, []).Add(c => c.EmptyText, "No hops here."));

        Assert.Empty(chain.FindAll("[data-testid=hop]"));
        Assert.Contains("No hops here.", chain.Markup, StringComparison.Ordinal);
    }
}
