using Microsoft.AspNetCore.Http;

namespace PacificEdge.WebFrontend.Api.Admin;

/// <summary>Answers an admin write with the problem its <see cref="AdminBody{T}"/> found, before the handler runs.</summary>
public sealed class AdminBodyFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        foreach (var argument in context.Arguments)
        {
            if (argument is IAdminBody { Problem: { } problem })
            {
                return problem;
            }
        }

        return await next(context);
    }
}
