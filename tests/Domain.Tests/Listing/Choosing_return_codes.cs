using Backscatter.Domain.Listing;

using static Backscatter.Domain.Tests.Listing.ListingPolicyScenario;

namespace Backscatter.Domain.Tests.Listing;

public class Choosing_return_codes
{
    [Theory]
    [InlineData("A@0 B@1 A@2", new byte[] { 2 })]
    [InlineData("A@0:auto B@1:auto A@2:auto", new byte[] { 3 })]
    [InlineData("A@0:challenge B@1:challenge A@2:challenge", new byte[] { 4 })]
    [InlineData("A@0:virus B@1:virus A@2:virus", new byte[] { 5 })]
    [InlineData("A@0:virus B@1 A@2:auto", new byte[] { 2, 3, 5 })]
    [InlineData("A@0:auto B@1 A@2 C@10:challenge", new byte[] { 2, 3, 4 })]
    public void Should_return_one_code_per_behaviour_seen_in_the_listing(string script, byte[] expected)
    {
        var decision = Evaluate(script, 11);

        Assert.Equal(expected, decision.ReturnCodes.Select(c => (byte)c));
    }

    [Fact]
    public void Should_not_carry_codes_from_an_earlier_expired_listing()
    {
        var decision = Evaluate("A@0:virus B@1:virus A@2:virus A@2000 B@2001 A@2002", 2003);

        Assert.Equal([ReturnCode.Bounce], decision.ReturnCodes);
    }

    [Theory]
    [InlineData(BackscatterKind.Bounce, "127.0.0.2")]
    [InlineData(BackscatterKind.AutoReply, "127.0.0.3")]
    [InlineData(BackscatterKind.ChallengeResponse, "127.0.0.4")]
    [InlineData(BackscatterKind.VirusNotice, "127.0.0.5")]
    public void Should_map_each_kind_to_its_documented_address(BackscatterKind kind, string address)
    {
        Assert.Equal(address, $"127.0.0.{(byte)ListingPolicy.ToReturnCode(kind)}");
    }
}
