using Microsoft.Extensions.Options;

namespace Backscatter.Web.Setup;

public static class DirectMxExtensions
{
    /// <summary>Ingest domains on the Setup page: the MX target, the TXT look-ups that prove ownership.</summary>
    public static IHostApplicationBuilder AddDirectMx(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<DirectMxOptions>()
            .Bind(builder.Configuration.GetSection(DirectMxOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<DirectMxOptions>, DirectMxOptionsValidator>();
        builder.Services.AddSingleton<IDomainTxtLookup, DnsTxtLookup>();
        builder.Services.AddSingleton<IngestDomainReleases>();
        builder.Services.AddScoped<TenantIngestDomains>();
        builder.Services.AddSingleton<IngestDomainRechecks>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<IngestDomainRechecks>());
        return builder;
    }
}
