namespace Backscatter.Web.Onboarding;

public static class OnboardingExtensions
{
    /// <summary>Ingest addresses for new tenants and the test-bounce button.</summary>
    public static IHostApplicationBuilder AddOnboarding(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<OnboardingOptions>()
            .Bind(builder.Configuration.GetSection(OnboardingOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<IngestAddressAllocator>();
        builder.Services.AddSingleton<TestBounceSender>();
        return builder;
    }
}
