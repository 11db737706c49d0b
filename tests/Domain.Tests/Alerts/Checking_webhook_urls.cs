using Backscatter.Domain.Alerts;

namespace Backscatter.Domain.Tests.Alerts;

public class Checking_webhook_urls
{
    [Theory]
    [InlineData("https://hooks.slack.com/services/T000/B000/XXXX", false, true)]
    [InlineData("https://example.com:8443/hooks?x=1", false, true)]
    [InlineData("http://example.com/hooks", false, false)]
    [InlineData("http://127.0.0.1:8080/hooks", true, true)]
    [InlineData("ftp://example.com/hooks", true, false)]
    [InlineData("file:///etc/passwd", true, false)]
    [InlineData("https://user:secret@example.com/hooks", false, false)]
    [InlineData("/relative/path", false, false)]
    [InlineData("", false, false)]
    [InlineData(null, false, false)]
    public void Should_accept_only_plain_https_addresses(string? url, bool allowPlainHttp, bool accepted)
    {
        Assert.Equal(accepted, WebhookUrl.TryParse(url, allowPlainHttp, out _, out var problem));
        Assert.Equal(accepted, problem.Length == 0);
    }

    [Fact]
    public void Should_refuse_a_url_longer_than_it_can_store()
    {
        Assert.False(WebhookUrl.TryParse("https://example.com/" + new string('a', AlertChannel.MaxUrlLength), false, out _, out _));
    }
}
