using Backscatter.Domain.Listing;
using Backscatter.Domain.Persistence;
using Backscatter.Feed.Dns;
using Backscatter.Feed.Listings;
using Backscatter.Feed.Zones;
using Backscatter.ServiceDefaults;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Backscatter.Feed;

public static class DnsFeedExtensions
{
    /// <summary>
    /// The DNSBL server (section "DnsFeed", validated at start) answering from the in-memory listing.
    /// The listing comes from PostgreSQL through the listing policy (section "ListingPolicy"),
    /// reconciled on a timer and changed by <c>ListingChanged</c> events in between; or, when <c>DnsFeed:ZoneFile</c> names one, from an rbldnsd zone file.
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
        builder.Services.AddSingleton<ListingUpdates>();
        builder.Services.AddSingleton<DnsMetrics>();
        builder.Services.AddSingleton<ListingMetrics>();
        var policy = builder.Configuration.GetSection(ListingPolicyOptions.SectionName).Get<ListingPolicyOptions>() ?? new ListingPolicyOptions();
        builder.Services.AddSingleton(policy);
        builder.Services.AddSingleton(new ListingPolicy(policy));
        // A zone file wins; without one the database is the source (when the host has one); with
        // neither, only the test points are listed.
        builder.Services.AddSingleton<IListingSource>(sp =>
            string.IsNullOrEmpty(sp.GetRequiredService<IOptions<DnsFeedOptions>>().Value.ZoneFile)
                && sp.GetService<IDbContextFactory<BackscatterDbContext>>() is not null
                ? ActivatorUtilities.CreateInstance<DatabaseListingSource>(sp)
                : ActivatorUtilities.CreateInstance<ZoneFileListingSource>(sp));
        builder.Services.AddHostedService<ListingReconciler>();
        builder.Services.AddSingleton<DnsFeedService>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DnsFeedService>());
        builder.Services.AddHealthChecks()
            .AddCheck<DnsFeedHealthCheck>("dns-feed", tags: [ServiceDefaultsExtensions.ReadyTag]);
        return builder;
    }
}
