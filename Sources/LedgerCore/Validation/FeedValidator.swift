/// Checks one feed line against every rule of `feed.md` and turns it into a `ValidatedEvent`.
package enum FeedValidator {
    /// The longest line accepted, in bytes without its line end (feed.md: 1 MiB).
    package static let maximumLineBytes = 1_048_576

    /// Validates one line (without its line end). Never traps, whatever the bytes.
    package static func validate(line: UnsafeBufferPointer<UInt8>, withCanonicalBytes: Bool = true) -> Result<ValidatedEvent, FeedViolation> {
        if line.count > maximumLineBytes {
            return .failure(FeedViolation(field: nil, reason: "line is \(line.count) bytes long; the limit is \(maximumLineBytes) bytes (1 MiB)"))
        }
        let root: JSONValue
        do {
            root = try JSONParser.parse(line)
        } catch {
            return .failure(FeedViolation(field: nil, reason: "not valid JSON: \(error)"))
        }
        guard case .object(let envelope) = root else {
            return .failure(FeedViolation(field: nil, reason: "each line must be one JSON object; found \(root.kindDescription)"))
        }
        let readableID: String? = if case .string(let id)? = envelope["id"] { id } else { nil }
        do {
            return .success(try validate(envelope: envelope, withCanonicalBytes: withCanonicalBytes))
        } catch var violation {
            violation.eventID = readableID
            return .failure(violation)
        }
    }

    /// Validates an already-parsed line.
    /// - Parameter withCanonicalBytes: false when the caller needs only the typed event (projection of stored lines),
    ///   which skips the canonical form (the dedupe key, needed only at ingest).
    package static func validate(envelope: JSONObject, withCanonicalBytes: Bool = true) throws(FeedViolation) -> ValidatedEvent {
        let top = FieldReader(object: envelope, path: "")
        for reserved in ["seq", "recorded_at"] where envelope[reserved] != nil {
            throw top.violation(reserved, "is assigned by the ledger and must not be sent; remove it from the line")
        }
        let id = try top.reference("id", maximumLength: 128)
        let typeName = try top.string("type")
        guard let type = EventType(name: typeName) else {
            throw top.violation("type", "is not a known event type (one of \(EventType.allCases.map(\.rawValue).joined(separator: ", "))); found \(FieldReader.render(.string(typeName)))")
        }
        let occurredAt = try top.timestamp("occurred_at")
        let source = try top.optionalReference("source", maximumLength: 64) ?? "default"
        let version = try top.optionalInteger("v", in: 1...Int.max) ?? 1
        guard type.supportedVersions.contains(version) else {
            throw top.violation("v", "version \(version) of \(type.rawValue) is not supported by this ledger (supported: \(type.supportedVersions.lowerBound)); upgrade keap-ledger or send version 1")
        }
        let data = try top.object("data")
        let payload = try validateData(data, of: type)
        return ValidatedEvent(
            source: source,
            id: id,
            type: type,
            stream: type.streamKind.stream(payload.streamReference),
            occurredAt: occurredAt,
            version: version,
            canonicalBytes: withCanonicalBytes ? canonicalBytes(of: envelope, source: source, version: version) : [],
            payload: payload
        )
    }

    /// The canonical bytes of the envelope with the defaults applied (feed.md: "defaults apply before comparing").
    package static func canonicalBytes(of envelope: JSONObject, source: String, version: Int) -> [UInt8] {
        var members = envelope.members.filter { $0.key != "source" && $0.key != "v" }
        members.append(JSONMember("source", .string(source)))
        members.append(JSONMember("v", .number(JSONNumber(text: String(version)))))
        var output: [UInt8] = []
        output.reserveCapacity(256)
        JSONCanonicalForm.writeObject(members, into: &output)
        return output
    }

    /// Checks `data` for `type` and returns it typed.
    static func validateData(_ data: FieldReader, of type: EventType) throws(FeedViolation) -> EventPayload {
        switch type {
        case .customerUpserted: return try validateCustomerUpserted(data)
        case .productUpserted: return try validateProductUpserted(data)
        case .orderPlaced: return try validateOrderPlaced(data)
        case .orderLineAdded: return try validateOrderLineAdded(data)
        case .orderLineChanged: return try validateOrderLineChanged(data)
        case .orderLineRemoved: return try validateOrderLineRemoved(data)
        case .orderChargesChanged: return try validateOrderChargesChanged(data)
        case .orderStatusChanged: return try validateOrderStatusChanged(data)
        case .orderCancelled: return try validateOrderCancelled(data)
        case .shipmentShipped: return try validateShipmentShipped(data)
        case .shipmentDelivered, .shipmentReturned: return try validateShipmentDeliveredOrReturned(data, type: type)
        case .paymentCaptured: return try validatePaymentCaptured(data)
        case .paymentRefunded: return try validatePaymentRefunded(data)
        case .subscriptionStarted: return try validateSubscriptionStarted(data)
        case .subscriptionRenewed: return try validateSubscriptionRenewed(data)
        case .subscriptionStatusChanged: return try validateSubscriptionStatusChanged(data)
        }
    }
}
