/// Whether the tenant takes order items of other types than PRODUCT. Keap's OpenAPI lists SHIPPING, TAX, DISCOUNT…
/// as `item_type` values yet says of the field "For now only [PRODUCT] is supported", and Keap's developer forum
/// reports REST refusing `item_type` and requiring a `product_id` on every item; both readings are settings here.
package enum SandboxChargeItems: String, Sendable {
    /// SHIPPING, TAX, DISCOUNT… items without a product are taken (the OpenAPI's enum).
    case typed
    /// Every item must be a PRODUCT with a `product_id` (the OpenAPI's text): any other `item_type` is refused with
    /// 400. Such a tenant sums the items' signed prices, so a PRODUCT item may carry a negative price (how a discount
    /// is written as a product line, as XML-RPC took it).
    case productOnly = "product-only"
}
