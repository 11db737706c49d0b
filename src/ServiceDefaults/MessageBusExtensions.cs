using MassTransit;

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Backscatter.ServiceDefaults;

/// <summary>MassTransit on RabbitMQ, the same way in every host.</summary>
public static class MessageBusExtensions
{
    public const string HealthCheckName = "rabbitmq";

    /// <param name="builder">The host.</param>
    /// <param name="registerConsumers">The host's consumers; endpoints are named from them in kebab case.</param>
    public static IHostApplicationBuilder AddMessageBus(
        this IHostApplicationBuilder builder,
        Action<IBusRegistrationConfigurator>? registerConsumers = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<RabbitMqOptions>()
            .Bind(builder.Configuration.GetSection(RabbitMqOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        var options = builder.Configuration.GetSection(RabbitMqOptions.SectionName).Get<RabbitMqOptions>() ?? new RabbitMqOptions();
        builder.Services.AddMassTransit(bus =>
        {
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(options.EndpointPrefix, includeNamespace: false));
            if (options.TemporaryEndpoints)
            {
                bus.AddConfigureEndpointsCallback((_, _, endpoint) =>
                {
                    if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbit)
                    {
                        rabbit.AutoDelete = true;
                        rabbit.Durable = false;
                    }
                });
            }

            bus.ConfigureHealthCheckOptions(o => o.Name = HealthCheckName);
            registerConsumers?.Invoke(bus);
            bus.UsingRabbitMq((context, cfg) =>
            {
                cfg.Host(options.Host, (ushort)options.Port, options.VirtualHost, h =>
                {
                    h.Username(options.Username);
                    h.Password(options.Password);
                });
                cfg.ConfigureJsonSerializerOptions(json =>
                {
                    json.Converters.Add(new IpAddressJsonConverter());
                    return json;
                });
                cfg.ConfigureEndpoints(context);
            });
        });
        return builder;
    }
}
