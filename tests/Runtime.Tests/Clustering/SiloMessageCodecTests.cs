using PacificEdge.Runtime.Clustering;
using PacificEdge.Runtime.Clustering.Transport;
using PacificEdge.Runtime.Messaging;

namespace PacificEdge.Runtime.Tests.Clustering;

public sealed class SiloMessageCodecTests
{
    public static TheoryData<SiloWireFormat> Formats => new() { SiloWireFormat.Binary, SiloWireFormat.Json };

    [Theory]
    [MemberData(nameof(Formats))]
    public void Requests_round_trip_with_and_without_arguments(SiloWireFormat format)
    {
        var request = new GrainRequest
        {
            Target = new GrainId("order", "ünïcödé/42"),
            Interface = "PacificEdge.IOrderGrain",
            Method = "Pay",
            Arguments = """["tok_visa",{"amount":12.50}]"""u8.ToArray(),
            ForwardCount = 2,
        };

        var copy = SiloMessageCodec.DecodeRequest(SiloMessageCodec.EncodeRequest(request, format), format);
        var empty = SiloMessageCodec.DecodeRequest(SiloMessageCodec.EncodeRequest(new GrainRequest { Target = new("a", "b"), Interface = "I", Method = "M" }, format), format);

        Assert.Equal(request.Target, copy.Target);
        Assert.Equal((request.Interface, request.Method, request.ForwardCount), (copy.Interface, copy.Method, copy.ForwardCount));
        Assert.Equal(request.Arguments, copy.Arguments);
        Assert.Null(empty.Arguments);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Responses_round_trip_values_nothing_and_errors(SiloWireFormat format)
    {
        var value = SiloMessageCodec.DecodeResponse(SiloMessageCodec.EncodeResponse(GrainResponse.FromResult("42.5"u8.ToArray()), format), format);
        var nothing = SiloMessageCodec.DecodeResponse(SiloMessageCodec.EncodeResponse(GrainResponse.Empty, format), format);
        var error = SiloMessageCodec.DecodeResponse(SiloMessageCodec.EncodeResponse(GrainResponse.FromError(new GrainError("X.Declined", "card_declined")), format), format);

        Assert.Equal("42.5"u8.ToArray(), value.Result);
        Assert.Null(nothing.Result);
        Assert.Null(nothing.Error);
        Assert.Equal(new GrainError("X.Declined", "card_declined"), error.Error);
    }

    [Fact]
    public void Truncated_or_unknown_binary_messages_are_rejected()
    {
        var body = SiloMessageCodec.EncodeRequest(new GrainRequest { Target = new("a", "b"), Interface = "I", Method = "M" }, SiloWireFormat.Binary);

        Assert.Throws<FormatException>(() => SiloMessageCodec.DecodeRequest(body.AsSpan(0, body.Length - 1), SiloWireFormat.Binary));
        Assert.Throws<FormatException>(() => SiloMessageCodec.DecodeRequest([9, .. body[1..]], SiloWireFormat.Binary));
        Assert.Throws<FormatException>(() => SiloMessageCodec.DecodeRequest([.. body, 0], SiloWireFormat.Binary));
        Assert.Throws<FormatException>(() => SiloMessageCodec.DecodeRequest("{"u8, SiloWireFormat.Json));
    }
}
