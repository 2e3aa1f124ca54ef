#!/usr/bin/env python3
"""benchgen.py - a deterministic corpus of appeal letters for `make bench`.

Letters of 2-6 KB are put together from pools of paragraphs in many layouts
(headings with colons or Markdown, bullets -, * or a dot, numbering 1. or
1) or "Step 1:"), with seeded dates, order ids, ASINs and figures; a good
share carry the slips the rules look for. The same seed gives the same
bytes on every machine.

    benchgen.py letters DIR N [SEED]   N letters as DIR/00000.txt ...
    benchgen.py big FILE BYTES [SEED]  one letter of about BYTES bytes
"""
import random
import sys

MONTHS = ["January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December"]
SALUTE = ["Dear Seller Performance Team,", "Dear Amazon Seller Performance Team,",
          "Hello Seller Performance,", "Dear Sir or Madam,", "To the Account Health team,"]
OPEN = [
    "We understand that our {metric} of {fig}% is above Amazon's target of {target}, and we take full responsibility for it.",
    "Thank you for the chance to explain. Our {metric} reached {fig}% between {d1} and {d2}, which is above the {target} target.",
    "We apologise for the late shipments on our account; our {metric} was {fig}% against a target of {target}.",
    "We are very sorry for the problems our customers had with orders {order} and {order2}.",
    "Our account was deactivated on {d1} because our {metric} rose to {fig}%. We accept that this was our failure.",
]
CAUSE_HEAD = ["Root causes:", "## Root causes", "The root causes were:", "What went wrong", "Root Cause Analysis:"]
CAUSES = [
    "Our stock count was updated once a week, so we sold {asin} when we had none left.",
    "Our courier missed the pickups between {d1} and {d2}, and we did not notice for four days.",
    "We shipped {n} orders with a handling time of 1 day while our warehouse needed 3 days.",
    "A new employee packed order {order} with the wrong size because the bins were not labelled.",
    "Our listing for {asin} did not state the material, so buyers received something they did not expect.",
    "We did not check our messages on weekends, so {n} buyers waited more than 24 hours for a reply.",
    "Our supplier changed the packaging and we did not test the new boxes.",
    "the buyer lied about the condition of the item and Amazon believed him",
    "We relied on one carrier for all orders, and it fell behind during the holiday period.",
]
ACT_HEAD = ["Actions we have taken:", "## Corrective actions", "What we have done:", "Corrective Actions"]
ACTIONS = [
    "On {d1} we began counting stock every morning before listings go live.",
    "We added a second carrier on {d2}; each order now ships with the carrier that can collect it that day.",
    "We set the handling time of all {n} listings to 3 days on {d1}.",
    "We labelled every bin and trained our two packers; the warehouse lead checks each order against its label.",
    "We rewrote the description of {asin}, giving the material and the size in centimetres.",
    "We will try to do better in the future.",
    "We refunded order {order} in full on {d2} and wrote to the buyer to apologise.",
    "We answer buyer messages within 12 hours, seven days a week, with a rota of three staff.",
]
PREV_HEAD = ["Preventive measures:", "## Preventive steps", "To stop it happening again:"]
PREVENT = [
    "Every Monday our manager reviews the Account Health page and the {metric}.",
    "Each day before 10 am we compare the stock report with the listings.",
    "Every month we audit 50 random orders for packing errors.",
    "We check the carrier scans every evening and call the carrier about any parcel without a scan.",
]
CLOSE = ["Thank you for your time and for reviewing our plan.",
         "We would be grateful if you would review our plan and reinstate our selling privileges.",
         "We look forward to hearing from you.",
         "Please reinstate our account immediately!!"]
SIGN = ["Sincerely,\nLin Wei\nLinHome Store", "Best regards,\n[Your Name]", "Kind regards,\nChen Hui\nHuiTech Ltd",
        "Regards,\nThe BrightCase team"]
METRICS = [("Order Defect Rate", "1%"), ("late shipment rate", "4%"), ("pre-fulfillment cancel rate", "2.5%"),
           ("valid tracking rate", "95%")]


def fill(r, s):
    metric, target = r.choice(METRICS)
    y = r.choice([2023, 2024, 2025])
    m = r.randrange(12)
    def date():
        return r.choice(["{} {} {}", "{1} {0}, {2}", "{2}-{3:02d}-{0:02d}"]).format(
            r.randint(1, 28), MONTHS[m], y, m + 1)
    def order():
        return "%03d-%07d-%07d" % (r.randrange(1000), r.randrange(10**7), r.randrange(10**7))
    asin = "B0" + "".join(r.choice("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789") for _ in range(8))
    return s.format(metric=metric, target=target, fig="%.1f" % r.uniform(1.1, 9.9), d1=date(), d2=date(),
                    order=order(), order2=order(), asin=asin, n=r.randint(3, 240))


def items(r, pool, k, style):
    out = []
    for i, text in enumerate(r.sample(pool, k)):
        mark = {"dash": "- ", "star": "* ", "dot": "\u2022 ", "num": "%d. " % (i + 1),
                "paren": "%d) " % (i + 1), "step": "Step %d: " % (i + 1)}[style]
        out.append(mark + fill(r, text))
    return "\n".join(out)


def letter(r):
    parts = [r.choice(SALUTE), fill(r, r.choice(OPEN)) + " " + fill(r, r.choice(OPEN))]
    parts.append(r.choice(CAUSE_HEAD) + "\n" + items(r, CAUSES, r.randint(2, 5), r.choice(["dash", "star", "dot"])))
    parts.append(r.choice(ACT_HEAD) + "\n" + items(r, ACTIONS, r.randint(3, 6), r.choice(["num", "paren", "step"])))
    if r.random() < 0.8:
        parts.append(r.choice(PREV_HEAD) + "\n" + items(r, PREVENT, r.randint(2, 4), r.choice(["num", "dash"])))
    target = r.randint(2048, 6144)
    while len("\n\n".join(parts)) < target - 250:  # more detail, in prose and in lists
        extra = r.choice([
            lambda: "In addition, " + fill(r, r.choice(CAUSES)) + " " + fill(r, r.choice(ACTIONS)),
            lambda: r.choice(ACT_HEAD) + "\n" + items(r, ACTIONS, r.randint(2, 4), r.choice(["num", "dash"])),
            lambda: fill(r, r.choice(OPEN)) + " " + fill(r, r.choice(PREVENT))])
        parts.append(extra())
    parts.append(" ".join(fill(r, c) for c in r.sample(CLOSE, 2)))
    parts.append(r.choice(SIGN))
    return "\n\n".join(parts) + "\n"


def main():
    kind, path, size = sys.argv[1], sys.argv[2], int(sys.argv[3])
    r = random.Random(int(sys.argv[4]) if len(sys.argv) > 4 else 1)
    if kind == "letters":
        for i in range(size):
            with open("%s/%05d.txt" % (path, i), "w", encoding="utf-8") as f:
                f.write(letter(r))
    else:
        chunks, n = [], 0
        while n < size:
            chunks.append(letter(r))
            n += len(chunks[-1].encode())
        with open(path, "w", encoding="utf-8") as f:
            f.write("".join(chunks)[:size])


if __name__ == "__main__":
    main()
