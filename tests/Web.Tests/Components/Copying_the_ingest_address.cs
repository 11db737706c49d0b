using Backscatter.Web.Components.Shared;

using Bunit;

namespace Backscatter.Web.Tests.Components;

/// <summary>The copy button hands the address to the browser's clipboard and says it did.</summary>
public sealed class Copying_the_ingest_address : ComponentSpecification
{
    private const string Address = "fm2ec22n46qjvfxr@in.backscatter.test";

    [Fact]
    public void Should_copy_the_text_and_confirm()
    {
        var copy = Context.JSInterop.Setup<bool>("portal.copyText", Address).SetResult(true);
        var component = Context.Render<CopyableText>(p => p.Add(c => c.Text, Address));
        Assert.Empty(component.FindAll(".copyable-done"));

        component.Find("button").Click();

        Assert.Single(copy.Invocations);
        Assert.Equal("Copied", component.Find(".copyable-done").TextContent);
    }

    [Fact]
    public void Should_name_what_it_copies_for_screen_readers()
    {
        var component = Context.Render<CopyableText>(p => p.Add(c => c.Text, Address));

        Assert.Equal($"Copy {Address}", component.Find("button").GetAttribute("aria-label"));
    }
}
