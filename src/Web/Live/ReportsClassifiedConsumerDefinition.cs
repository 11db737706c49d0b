using MassTransit;

namespace Backscatter.Web.Live;

/// <summary>
/// Every Web instance needs every event (its circuits are its own), so each gets a temporary
/// queue of its own instead of competing for one shared queue. Missed events while a portal
/// restarts are harmless: pages load their state from the database.
/// </summary>
public sealed class ReportsClassifiedConsumerDefinition : ConsumerDefinition<ReportsClassifiedConsumer>
{
    public ReportsClassifiedConsumerDefinition()
    {
        Endpoint(e => e.Temporary = true);
    }
}
