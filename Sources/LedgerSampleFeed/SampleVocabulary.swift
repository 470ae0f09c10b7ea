/// The fixed word lists the sample feed draws names, places and products from, as UTF-8 bytes.
///
/// Stored as bytes so the hot path appends them without touching `String`. A few entries carry
/// non-ASCII letters, quotes, apostrophes or a newline on purpose: they exercise JSON escaping and
/// UTF-8 handling downstream.
enum SampleVocabulary {
    /// A person's name as shown, and its ASCII form for e-mail addresses.
    struct Name: Sendable {
        /// The name as shown, UTF-8.
        let display: [UInt8]
        /// Lower-case ASCII, for e-mail local parts.
        let ascii: [UInt8]

        init(_ display: String, _ ascii: String) {
            self.display = Array(display.utf8)
            self.ascii = Array(ascii.utf8)
        }
    }

    /// A city with the parts of an address that go with it.
    struct Place: Sendable {
        /// ISO 3166-1 alpha-2 country code.
        let country: StaticString
        let city: [UInt8]
        /// State or province where the country uses one in addresses, else empty.
        let region: [UInt8]
        let postalCode: [UInt8]
        let street: [UInt8]
        /// Whether the house number follows the street name (`Hauptstraße 12`).
        let numberAfterStreet: Bool
        /// The international dialling prefix, with the leading `+`.
        let phonePrefix: StaticString

        init(_ country: StaticString, _ city: String, _ region: String, _ postalCode: String, _ street: String,
             numberAfterStreet: Bool = false, phone: StaticString) {
            self.country = country
            self.city = Array(city.utf8)
            self.region = Array(region.utf8)
            self.postalCode = Array(postalCode.utf8)
            self.street = Array(street.utf8)
            self.numberAfterStreet = numberAfterStreet
            self.phonePrefix = phone
        }
    }

    /// A product family: the catalogue combines it with a modifier for 200 distinct products.
    struct ProductBase: Sendable {
        let name: String
        /// The base price in US cents.
        let cents: Int64
    }

    /// First names.
    static let firstNames: [Name] = [
        Name("Ada", "ada"), Name("Grace", "grace"), Name("Alan", "alan"), Name("Linus", "linus"),
        Name("Margaret", "margaret"), Name("Zoë", "zoe"), Name("José", "jose"), Name("Amélie", "amelie"),
        Name("Søren", "soren"), Name("Hiroshi", "hiroshi"), Name("Priya", "priya"), Name("Liam", "liam"),
        Name("Olivia", "olivia"), Name("Noah", "noah"), Name("Emma", "emma"), Name("Mateo", "mateo"),
        Name("Chloé", "chloe"), Name("Lukas", "lukas"), Name("Sophie", "sophie"), Name("Oliver", "oliver"),
        Name("Mia", "mia"), Name("Jack", "jack"), Name("Isla", "isla"), Name("Lars", "lars"),
        Name("Fatima", "fatima"), Name("Wei", "wei"), Name("Aisha", "aisha"), Name("Diego", "diego"),
        Name("Hannah", "hannah"), Name("Ethan", "ethan"), Name("Ava", "ava"), Name("Yuki", "yuki"),
    ]

    /// Last names.
    static let lastNames: [Name] = [
        Name("Lovelace", "lovelace"), Name("Hopper", "hopper"), Name("Turing", "turing"), Name("Torvalds", "torvalds"),
        Name("Hamilton", "hamilton"), Name("Müller", "mueller"), Name("García", "garcia"), Name("Dubois", "dubois"),
        Name("Nielsen", "nielsen"), Name("Tanaka", "tanaka"), Name("Patel", "patel"), Name("Smith", "smith"),
        Name("Johnson", "johnson"), Name("Brown", "brown"), Name("O'Brien", "obrien"), Name("de Vries", "devries"),
        Name("Schmidt", "schmidt"), Name("Martin", "martin"), Name("Wilson", "wilson"), Name("Taylor", "taylor"),
        Name("Nguyen", "nguyen"), Name("Kowalski", "kowalski"), Name("Rossi", "rossi"), Name("Jensen", "jensen"),
        Name("Fischer", "fischer"), Name("Lefèvre", "lefevre"), Name("Okafor", "okafor"), Name("Silva", "silva"),
    ]

    /// E-mail domains (reserved example domains: never real mailboxes).
    static let emailDomains: [[UInt8]] = ["example.com", "example.org", "example.net", "mail.example.com"].map { Array($0.utf8) }

    /// Company names, one with quotes and one with a backslash to exercise escaping.
    static let companies: [[UInt8]] = [
        "Acme Corp", "Globex GmbH", "Initech", "Umbrella \"Retail\" Ltd", "Stark & Sons", "Wayne Enterprises",
        "Soylent BV", "Tyrell Pty Ltd", "Back\\Slash Studio", "Café Lumière SARL",
    ].map { Array($0.utf8) }

    /// Places, weighted towards the US by repetition in `placeWeights`.
    static let places: [Place] = [
        Place("US", "Springfield", "IL", "62701", "Main St", phone: "+1"),
        Place("US", "Austin", "TX", "73301", "Congress Ave", phone: "+1"),
        Place("US", "Portland", "OR", "97201", "Alder St", phone: "+1"),
        Place("US", "Brooklyn", "NY", "11201", "Atlantic Ave", phone: "+1"),
        Place("US", "Denver", "CO", "80202", "Larimer St", phone: "+1"),
        Place("CA", "Toronto", "ON", "M5V 2T6", "Queen St W", phone: "+1"),
        Place("CA", "Montréal", "QC", "H2X 1Y4", "Rue Sainte-Catherine", phone: "+1"),
        Place("GB", "London", "", "SW1A 1AA", "High Street", phone: "+44"),
        Place("GB", "Manchester", "", "M1 1AE", "Deansgate", phone: "+44"),
        Place("DE", "Berlin", "", "10115", "Hauptstraße", numberAfterStreet: true, phone: "+49"),
        Place("DE", "München", "", "80331", "Kaufingerstraße", numberAfterStreet: true, phone: "+49"),
        Place("FR", "Paris", "", "75001", "Rue de Rivoli", phone: "+33"),
        Place("FR", "Lyon", "", "69002", "Rue de la République", phone: "+33"),
        Place("AU", "Sydney", "NSW", "2000", "George St", phone: "+61"),
        Place("AU", "Melbourne", "VIC", "3000", "Collins St", phone: "+61"),
        Place("NL", "Amsterdam", "", "1012 AB", "Keizersgracht", numberAfterStreet: true, phone: "+31"),
    ]

    /// Relative weights of `places` (US about half, then GB, CA, DE, FR, AU, NL).
    static let placeWeights: [Int] = [12, 10, 9, 10, 9, 6, 4, 7, 5, 6, 4, 4, 3, 3, 3, 5]

    /// Product families with base prices in US cents.
    static let productBases: [ProductBase] = [
        ProductBase(name: "Green Tea 250g", cents: 1250), ProductBase(name: "Earl Grey Tea", cents: 1100),
        ProductBase(name: "Espresso Beans 1kg", cents: 2699), ProductBase(name: "Pour-Over Dripper", cents: 2400),
        ProductBase(name: "Cast Iron Skillet 12\"", cents: 3999), ProductBase(name: "Chef's Knife", cents: 8900),
        ProductBase(name: "Linen Apron", cents: 2950), ProductBase(name: "Bamboo Cutting Board", cents: 3200),
        ProductBase(name: "Travel Mug", cents: 2199), ProductBase(name: "Matcha Whisk", cents: 1450),
        ProductBase(name: "Wildflower Honey 500g", cents: 999), ProductBase(name: "Olive Oil 1L", cents: 1875),
        ProductBase(name: "Sea Salt Flakes", cents: 650), ProductBase(name: "Spice Sampler", cents: 2499),
        ProductBase(name: "Tea Infuser", cents: 799), ProductBase(name: "Glass Teapot", cents: 3450),
        ProductBase(name: "Dark Chocolate Bar", cents: 450), ProductBase(name: "Granola 1kg", cents: 1299),
        ProductBase(name: "Oat Drink 6-pack", cents: 1590), ProductBase(name: "Burr Coffee Grinder", cents: 12900),
    ]

    /// Product modifiers and their price factor in percent; one per block of 20 SKUs.
    static let productModifiers: [(name: String, percent: Int64)] = [
        ("Classic", 100), ("Organic", 125), ("Premium", 150), ("Mini", 70), ("Family-size", 180),
        ("Limited Edition", 160), ("Everyday", 85), ("Deluxe", 200), ("Smoked", 110), ("Café", 120),
    ]

    /// Optional product descriptions; one has a newline and one a tab, to exercise escaping.
    static let productDescriptions: [[UInt8]] = [
        "Ships in recyclable packaging.", "Small-batch, hand-packed.", "Best before: see pack.\nStore cool and dry.",
        "Dishwasher safe.", "Pairs well with\tpastries.", "Fair-trade certified.",
    ].map { Array($0.utf8) }

    /// Order cancellation reasons.
    static let cancelReasons: [StaticString] = ["customer_request", "payment_failed", "out_of_stock", "fraud_suspected", "duplicate_order"]

    /// Return reasons.
    static let returnReasons: [StaticString] = ["damaged", "wrong_item", "no_longer_needed", "size_issue", "arrived_late"]

    /// Refund reasons for goodwill (partial) refunds.
    static let refundReasons: [StaticString] = ["goodwill", "late_delivery", "price_match", "missing_item"]

    /// Promo codes on discounted orders.
    static let promoCodes: [StaticString] = ["WELCOME10", "SPRING", "VIP", "FREESHIP", "BUNDLE5"]

    /// Sales channels for the unknown `x_channel` extension field.
    static let channels: [StaticString] = ["web", "pos", "marketplace", "phone"]
}
