using MassTransit;

namespace Backscatter.ServiceDefaults;

/// <summary>
/// For events every instance of a host must see (fan-out), not one of them: each instance gets a
/// queue of its own, named with an instance id and deleted when the instance stops. What an
/// instance misses while it is down it must catch up on otherwise (the database, a cache's expiry).
/// </summary>
/// <typeparam name="TConsumer">The consumer.</typeparam>
public abstract class PerInstanceConsumerDefinition<TConsumer> : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer
{
    /// <param name="endpoint">More endpoint settings (e.g. a prefetch count); the instance id and temporary queue stay.</param>
    protected PerInstanceConsumerDefinition(Action<IEndpointRegistrationConfigurator>? endpoint = null)
    {
        var instance = $"{Environment.MachineName}-{Guid.NewGuid().ToString("N")[..8]}".ToLowerInvariant();
        Endpoint(e =>
        {
            endpoint?.Invoke(e);
            e.InstanceId = instance;
            e.Temporary = true;
        });
    }
}
