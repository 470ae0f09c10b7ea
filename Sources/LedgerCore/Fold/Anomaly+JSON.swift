extension Anomaly {
    package var jsonValue: JSONValue {
        .object([
            "seq": .integer(seq),
            "event_id": .string(eventID),
            "type": .string(eventType.rawValue),
            "code": .string(code.rawValue),
            "message": .string(message),
        ])
    }
}
