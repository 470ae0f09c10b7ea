/// A sample postal address: a place from the vocabulary plus a house number and maybe an apartment.
struct PostalAddress: Sendable {
    /// Index into `SampleVocabulary.places`.
    let place: Int
    let houseNumber: Int
    /// Apartment number for `line2`, or 0 for none.
    let apartment: Int

    /// An address from its parts.
    init(place: Int, houseNumber: Int, apartment: Int) {
        self.place = place
        self.houseNumber = houseNumber
        self.apartment = apartment
    }

    /// A random address, places weighted by `SampleVocabulary.placeWeights`.
    init(rng: inout Xoshiro256StarStar) {
        var roll = rng.below(Self.totalWeight)
        var chosen = 0
        for (index, weight) in SampleVocabulary.placeWeights.enumerated() {
            if roll < weight {
                chosen = index
                break
            }
            roll -= weight
        }
        place = chosen
        houseNumber = rng.inRange(1...240)
        apartment = rng.percent(20) ? rng.inRange(1...30) : 0
    }

    private static let totalWeight = SampleVocabulary.placeWeights.reduce(0, +)

    /// The country's place entry.
    var details: SampleVocabulary.Place {
        SampleVocabulary.places[place]
    }

    /// Writes the address object (`line1`, `line2`?, `city`, `region`?, `postal_code`, `country_code`).
    func write(to writer: inout JSONLineWriter) {
        let place = details
        writer.beginObject()
        writer.key("line1")
        writer.append(UInt8(ascii: "\""))
        if place.numberAfterStreet {
            writer.appendEscaped(place.street)
            writer.append(UInt8(ascii: " "))
            writer.appendDecimal(UInt64(houseNumber), minimumWidth: 1)
        } else {
            writer.appendDecimal(UInt64(houseNumber), minimumWidth: 1)
            writer.append(UInt8(ascii: " "))
            writer.appendEscaped(place.street)
        }
        writer.append(UInt8(ascii: "\""))
        if apartment > 0 {
            writer.key("line2")
            writer.ref("Apt ", apartment)
        }
        writer.key("city")
        writer.string(place.city)
        if !place.region.isEmpty {
            writer.key("region")
            writer.string(place.region)
        }
        writer.key("postal_code")
        writer.string(place.postalCode)
        writer.key("country_code")
        writer.plainString(place.country)
        writer.endObject()
    }
}
