using GraphQL;
using GraphQL.Execution;
using GraphQLParser.AST;
using Microsoft.Extensions.DependencyInjection;
using Platform.GraphQL.Http;

namespace Platform.GraphQL;

public static class GraphQLSetup
{
    /// <summary>Deepest selection accepted; the contract's deepest useful query is about 8 levels.</summary>
    public const int MaxDepth = 12;
    public const int MaxComplexity = 2500;

    public static IServiceCollection AddPlatformGraphQL(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddScoped<Employees.CareerLoader>();
        services.AddGraphQL(b => b
            .AddSchema<PlatformSchema>()
            // Resolvers share the request's one DbContext, which runs one command at a time: queries
            // resolve their fields one after the other, as mutations do (seen on PostgreSQL's async driver).
            .AddExecutionStrategy<SerialExecutionStrategy>(OperationType.Query)
            .AddGraphTypes(typeof(PlatformSchema).Assembly)
            .AddSystemTextJson(o => o.Encoder = ApiJson.Encoder)
            // The limits are applied by IntrospectionLimits: the same for real queries, wider for introspection alone.
            .AddComplexityAnalyzer(o => o.ValidateComplexityDelegate = IntrospectionLimits.Validate)
            // French messages for every error, GraphQL.NET's codes kept (FrenchErrorInfoProvider).
            .AddErrorInfoProvider(new FrenchErrorInfoProvider(new ErrorInfoProviderOptions
            {
                ExposeExceptionDetails = false,
                ExposeCode = true,
                ExposeCodes = false,
                ExposeData = false,
            }))
            .AddUnhandledExceptionHandler(GraphQLErrors.HandleAsync));
        return services;
    }
}
