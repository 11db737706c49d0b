using Backscatter.ServiceDefaults;

namespace Backscatter.Web.Live;

/// <summary>
/// Every Web instance needs every event (its circuits are its own), so each gets a queue of its own
/// instead of competing with the other replicas for one shared queue, which would show each
/// dashboard only its share of the reports. Missed events while a portal restarts are harmless:
/// pages load their state from the database.
/// </summary>
public sealed class ReportsClassifiedConsumerDefinition : PerInstanceConsumerDefinition<ReportsClassifiedConsumer>;
