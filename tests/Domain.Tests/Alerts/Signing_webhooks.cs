using System.Text;

using Backscatter.Domain.Alerts;

namespace Backscatter.Domain.Tests.Alerts;

public class Signing_webhooks
{
    private static readonly DateTimeOffset At = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"type\":\"test\"}");

    [Fact]
    public void Should_match_an_HMAC_computed_elsewhere()
    {
        // python3: hmac.new(b'whsec_test', b'1700000000.{"type":"test"}', hashlib.sha256).hexdigest()
        Assert.Equal(
            "t=1700000000,v1=5f32b1f20af8adf84aaaa8ffc92da0441bf4c05562faa71f5c27352c22b106a8",
            WebhookSignature.Sign("whsec_test", At, Body));
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(299, true)]
    [InlineData(-299, true)]
    [InlineData(301, false)]
    [InlineData(-301, false)]
    public void Should_accept_a_signature_only_within_the_tolerance(int secondsLater, bool valid)
    {
        var header = WebhookSignature.Sign("whsec_test", At, Body);

        Assert.Equal(valid, WebhookSignature.Verify("whsec_test", header, Body, At.AddSeconds(secondsLater), TimeSpan.FromMinutes(5)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("v1=5f32b1f20af8adf84aaaa8ffc92da0441bf4c05562faa71f5c27352c22b106a8")]
    [InlineData("t=1700000000")]
    [InlineData("t=1700000000,v1=zz")]
    [InlineData("t=-1,v1=5f32b1f20af8adf84aaaa8ffc92da0441bf4c05562faa71f5c27352c22b106a8")]
    [InlineData("t=99999999999999999999,v1=5f32b1f20af8adf84aaaa8ffc92da0441bf4c05562faa71f5c27352c22b106a8")]
    public void Should_refuse_a_malformed_header(string? header)
    {
        Assert.False(WebhookSignature.Verify("whsec_test", header, Body, At, TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public void Should_accept_any_of_several_signatures_during_a_key_rotation()
    {
        var header = WebhookSignature.Sign("whsec_test", At, Body) + ",v1=" + new string('0', 64);

        Assert.True(WebhookSignature.Verify("whsec_test", header, Body, At, TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public void Should_make_keys_that_differ_and_say_what_they_are()
    {
        var first = WebhookSignature.NewKey();
        var second = WebhookSignature.NewKey();

        Assert.NotEqual(first, second);
        Assert.Matches("^whsec_[A-Za-z0-9_-]{43}$", first);
    }
}
