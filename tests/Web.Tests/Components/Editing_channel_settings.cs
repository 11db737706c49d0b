using Backscatter.Web.Alerts;
using Backscatter.Web.Components.Shared;

using Bunit;

namespace Backscatter.Web.Tests.Components;

/// <summary>The settings form starts from the channel's settings and hands back only an acceptable name.</summary>
public sealed class Editing_channel_settings : ComponentSpecification
{
    private static readonly ChannelSettings Current = new("#ops", new ChannelEvents(true, false, true), true);

    [Fact]
    public void Should_hand_back_the_changed_events_and_enabled()
    {
        ChannelSettings? saved = null;
        var form = Context.Render<ChannelSettingsForm>(p => p.Add(c => c.Settings, Current).Add(c => c.Saved, (ChannelSettings s) => saved = s));

        var boxes = form.FindAll("input[type=checkbox]");
        boxes[0].Change(false);
        boxes[1].Change(true);
        form.FindAll("input[type=checkbox]")[3].Change(false);
        form.FindAll("button").Single(b => b.TextContent.Trim() == "Save").Click();

        Assert.Equal(new ChannelSettings("#ops", new ChannelEvents(false, true, true), false), saved);
    }

    [Fact]
    public void Should_refuse_an_empty_name_and_say_why()
    {
        ChannelSettings? saved = null;
        var form = Context.Render<ChannelSettingsForm>(p => p.Add(c => c.Settings, Current).Add(c => c.Saved, (ChannelSettings s) => saved = s));

        form.Find("input[type=text]").Change("   ");
        form.FindAll("button").Single(b => b.TextContent.Trim() == "Save").Click();

        Assert.Null(saved);
        Assert.Contains("needs a name", form.Markup, StringComparison.Ordinal);
    }
}
