using Backscatter.Web.Live;

using MassTransit;

namespace Backscatter.Web.Tests.Live;

/// <summary>
/// The portal runs as several replicas with the same queue names; a dashboard is live on one of them,
/// so each replica must get every ReportsClassified: its queue is its own (an instance id in the name).
/// </summary>
public sealed class Receiving_classified_reports_on_every_portal_instance
{
    [Fact]
    public void Should_give_each_instance_a_queue_of_its_own()
    {
        IConsumerDefinition first = new ReportsClassifiedConsumerDefinition();
        IConsumerDefinition second = new ReportsClassifiedConsumerDefinition();

        var firstName = first.GetEndpointName(KebabCaseEndpointNameFormatter.Instance);

        Assert.StartsWith("reports-classified", firstName, StringComparison.Ordinal);
        Assert.NotEqual(firstName, second.GetEndpointName(KebabCaseEndpointNameFormatter.Instance));
    }

    [Fact]
    public void Should_delete_the_queue_when_the_instance_stops()
    {
        var definition = new ReportsClassifiedConsumerDefinition();

        Assert.True(definition.EndpointDefinition?.IsTemporary);
    }
}
