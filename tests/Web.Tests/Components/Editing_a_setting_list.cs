using Backscatter.Domain.Tenancy;
using Backscatter.Web.Components.Pages.Setup;
using Backscatter.Web.Setup;

using Bunit;

using Microsoft.AspNetCore.Components;

namespace Backscatter.Web.Tests.Components;

/// <summary>A list of the Setup page: entries checked before they go to the server, and no edit controls for viewers.</summary>
public sealed class Editing_a_setting_list : ComponentSpecification
{
    private readonly List<string> _added = [];
    private readonly List<string> _removed = [];

    [Fact]
    public void Should_send_the_normalised_entry_and_clear_the_field()
    {
        var list = Render(["smtp.example.com"], canChange: true);

        list.Find("input").Input("  *.OUT.Example.com ");
        list.Find("form").Submit();

        Assert.Equal(["*.out.example.com"], _added);
        Assert.Empty(list.FindAll("[data-testid=entry-error]"));
        Assert.Equal("", list.Find("input").GetAttribute("value") ?? "");
    }

    [Fact]
    public void Should_show_why_an_entry_is_refused_without_sending_it()
    {
        var list = Render([], canChange: true);

        list.Find("input").Input("192.0.2.1/24");
        list.Find("form").Submit();

        Assert.Empty(_added);
        Assert.Contains("did you mean 192.0.2.0/24?", list.Find("[data-testid=entry-error]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_refuse_a_duplicate_in_another_case()
    {
        var list = Render(["smtp.example.com"], canChange: true);

        list.Find("input").Input("SMTP.example.com");
        list.Find("form").Submit();

        Assert.Empty(_added);
        Assert.Equal("smtp.example.com is already in the list.", list.Find("[data-testid=entry-error]").TextContent);
    }

    [Fact]
    public void Should_show_the_servers_refusal()
    {
        var list = Render([], canChange: true, server: SetupResult.Invalid("Someone else changed this at the same moment; reload the page and try again."));

        list.Find("input").Input("smtp.example.com");
        list.Find("form").Submit();

        Assert.Contains("Someone else changed this", list.Find("[data-testid=entry-error]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_remove_the_entry_whose_button_is_pressed()
    {
        var list = Render(["smtp.example.com", "192.0.2.0/24"], canChange: true);

        list.Find("[aria-label='Remove 192.0.2.0/24']").Click();

        Assert.Equal(["192.0.2.0/24"], _removed);
    }

    [Fact]
    public void Should_show_viewers_the_entries_without_field_or_buttons()
    {
        var list = Render(["smtp.example.com"], canChange: false);

        Assert.Contains("smtp.example.com", list.Markup, StringComparison.Ordinal);
        Assert.Empty(list.FindAll("input"));
        Assert.Empty(list.FindAll("button"));
        Assert.Empty(list.FindAll("form"));
    }

    [Fact]
    public void Should_say_what_to_do_when_the_list_is_empty()
    {
        var list = Render([], canChange: false);

        Assert.Equal("No outbound relays yet.", list.Find("[data-testid=relays-empty]").TextContent);
    }

    private IRenderedComponent<SettingListEditor> Render(IReadOnlyList<string> entries, bool canChange, SetupResult? server = null) =>
        Context.Render<SettingListEditor>(p => p
            .Add(c => c.Title, "Outbound relays")
            .Add(c => c.TestId, "relays")
            .Add(c => c.Example, "smtp.example.com")
            .Add(c => c.EmptyText, "No outbound relays yet.")
            .Add(c => c.Help, (RenderFragment)(b => b.AddContent(0, "The servers your mail leaves through.")))
            .Add(c => c.Entries, entries)
            .Add(c => c.CanChange, canChange)
            .Add(c => c.Check, (input, existing) => MailSettingEntries.CheckNew(MailSettingList.OutboundRelays, input, existing))
            .Add(c => c.OnAdd, entry =>
            {
                _added.Add(entry);
                return Task.FromResult(server ?? SetupResult.Changed("Added."));
            })
            .Add(c => c.OnRemove, entry =>
            {
                _removed.Add(entry);
                return Task.FromResult(SetupResult.Changed("Removed."));
            }));
}
