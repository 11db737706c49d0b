using Backscatter.Ingest.Alerts;

namespace Backscatter.Ingest.Tests.Alerts;

public class Linking_to_the_portal
{
    [Theory]
    [InlineData("http://127.0.0.1:5080", "http://127.0.0.1:5080/incidents/")]
    [InlineData("https://app.backscatter.cloud/", "https://app.backscatter.cloud/incidents/")]
    [InlineData("https://example.com/portal", "https://example.com/portal/incidents/")]
    [InlineData("https://example.com/portal/", "https://example.com/portal/incidents/")]
    public void Should_link_an_incident_below_the_portal_url(string portal, string prefix)
    {
        var id = Guid.CreateVersion7();

        Assert.Equal(prefix + id, new AlertDeliveryOptions { PortalUrl = new Uri(portal) }.IncidentUrl(id).AbsoluteUri);
    }
}
