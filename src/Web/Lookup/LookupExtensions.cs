namespace Backscatter.Web.Lookup;

public static class LookupExtensions
{
    /// <summary>The public lookup page <c>/lookup/{ip}</c> (the URL in the feed's TXT answers) and its query.</summary>
    public static IHostApplicationBuilder AddReflectorLookup(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddScoped<ReflectorLookup>();
        return builder;
    }
}
