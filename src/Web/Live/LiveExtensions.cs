using MassTransit;

namespace Backscatter.Web.Live;

public static class LiveExtensions
{
    /// <summary>The portal's consumers: classified reports pushed to the circuits that show them.</summary>
    public static IBusRegistrationConfigurator AddPortalConsumers(this IBusRegistrationConfigurator bus)
    {
        ArgumentNullException.ThrowIfNull(bus);
        bus.AddConsumer<ReportsClassifiedConsumer>(typeof(ReportsClassifiedConsumerDefinition));
        return bus;
    }
}
