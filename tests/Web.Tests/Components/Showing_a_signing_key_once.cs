using Backscatter.Domain.Alerts;
using Backscatter.Web.Components.Shared;

using Bunit;

namespace Backscatter.Web.Tests.Components;

/// <summary>A new signing key comes with how to verify it, and is gone once the member says they stored it.</summary>
public sealed class Showing_a_signing_key_once : ComponentSpecification
{
    private const string Key = "whsec_4sT8mYc0mbqJ9x0S5o3sY1x2HnQ0v6b1xJ0bF3sJ6kE";

    [Fact]
    public void Should_show_the_key_with_the_signature_header_and_the_verification_example()
    {
        var notice = Context.Render<SigningKeyOnce>(p => p.Add(c => c.Key, Key).Add(c => c.ChannelName, "Pager bridge"));

        Assert.Equal(Key, notice.Find("[data-testid=signing-key-value]").TextContent);
        Assert.Contains(WebhookSignature.HeaderName, notice.Markup, StringComparison.Ordinal);
        Assert.Contains("hmac.compare_digest", notice.Find("[data-testid=verification-example]").TextContent, StringComparison.Ordinal);
        Assert.Contains("will not be shown again", notice.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_forget_the_key_once_stored()
    {
        var stored = 0;
        var notice = Context.Render<SigningKeyOnce>(p => p.Add(c => c.Key, Key).Add(c => c.ChannelName, "Pager bridge").Add(c => c.Stored, () => stored++));

        notice.FindAll("button").Single(b => b.TextContent.Contains("stored", StringComparison.Ordinal)).Click();

        Assert.Equal(1, stored);
        Assert.DoesNotContain(Key, notice.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_carry_the_same_verification_example_as_the_readme()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md")).ReplaceLineEndings("\n");

        Assert.Contains(SigningKeyOnce.VerificationExample.ReplaceLineEndings("\n").Trim(), readme, StringComparison.Ordinal);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Backscatter.Cloud.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("The repository root was not found.");
    }
}
