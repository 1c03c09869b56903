using System.Text.Json;

namespace SocialCrm.Web.Api;

/// <summary>Reads a JSON body ourselves, so a malformed one is a 400 that names the field and position.</summary>
public static class JsonBody
{
    public static async Task<T> ReadAsync<T>(HttpRequest request, CancellationToken ct) where T : class
    {
        if (request.ContentLength == 0) throw new JsonException("the request body is empty");
        return await JsonSerializer.DeserializeAsync<T>(request.Body, JsonSerializerOptions.Web, ct) ?? throw new JsonException("the request body is null");
    }
}
