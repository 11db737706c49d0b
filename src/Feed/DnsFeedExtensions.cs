using Backscatter.Feed.Dns;
using Backscatter.Feed.Zones;
using Backscatter.ServiceDefaults;

using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Backscatter.Feed;

public static class DnsFeedExtensions
{
    /// <summary>
    /// The DNSBL server (section "DnsFeed", validated at start) answering from the in-memory listing.
    /// The listing comes from <c>DnsFeed:ZoneFile</c> for now; the PostgreSQL reconciliation and the
    /// ListingChanged consumer replace <see cref="IListingSource"/> when the ingest pipeline exists.
    /// </summary>
    public static IHostApplicationBuilder AddDnsFeed(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<DnsFeedOptions>()
            .Bind(builder.Configuration.GetSection(DnsFeedOptions.SectionName))
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<DnsFeedOptions>, DnsFeedOptionsValidator>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ActiveListing>();
        builder.Services.AddSingleton<IListingSource, ZoneFileListingSource>();
        builder.Services.AddSingleton<DnsFeedService>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DnsFeedService>());
        builder.Services.AddHealthChecks()
            .AddCheck<DnsFeedHealthCheck>("dns-feed", tags: [ServiceDefaultsExtensions.ReadyTag]);
        return builder;
    }
}