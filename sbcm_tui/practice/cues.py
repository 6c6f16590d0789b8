"""The cues the interviewing coder listens for: MI vocabulary as regular expressions.

They are compiled once, at import, and matched against a sentence that has been lower-cased, had
its curly quotes straightened and its leading discourse words ("And so, okay, ...") removed; see
sbcm_tui.practice.coder for how they combine into one code per line. Each pattern says what a
trained coder would hear; the labelled lines in tests/data show them at work.
"""

from __future__ import annotations

import re


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


# --- sentences --------------------------------------------------------------------------------

QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})
SENTENCE_END = re.compile(r"(?<=[.!?;])\s+")
ABBREVIATION = _rx(r"\b(?:dr|mr|mrs|ms|st|mt|jr|sr|vs|etc|e\.g|i\.e|a\.m|p\.m)\.$")
OPENER = _rx(r"^(?:and|but|so|now|well|okay|ok|alright|also|then|oh|um|uh|hmm)\b[,]?\s*")
FILLER = _rx(
    r"^(?:ok(?:ay)?|alright|all right|m+-?h?m+|uh-huh|i see|i hear you|right|sure|yeah|yes|"
    r"got it|thanks|thank you|hmm+|oh|wow|good|great)(?: so much)?[.!,]*$"
)


# --- questions --------------------------------------------------------------------------------

_AUX = (
    r"(?:do|does|did|is|are|was|were|am|have|has|had|can|could|would|will|should|shall|may|"
    r"might|must|don't|doesn't|didn't|isn't|aren't|wasn't|weren't|haven't|hasn't|hadn't|can't|"
    r"couldn't|wouldn't|won't|shouldn't)"
)
_SUBJECT = (
    r"(?:you|your|you're|yourself|i|we|they|he|she|it|there|that|this|these|those|the|any|"
    r"anyone|anybody|anything|someone|somebody|something|everyone|everything|my|our|his|her|"
    r"their|people|[a-z]+'s)"
)
AUX_QUESTION = _rx(rf"^{_AUX}\s+{_SUBJECT}\b")
AUX_START = _rx(rf"^{_AUX}\b")
_WH = r"(?:what|what's|how|how's|why|when|where|where's|who|who's|whom|whose|which)"
WH_START = _rx(rf"^{_WH}\b")
# A wh-word followed straight by a subject opens a statement ("What I'm hearing is...").
WH_CLAUSE = _rx(rf"^{_WH}\s+(?:i|i'm|i've|you|you're|you've|we|they|he|she)\b")
LEADING_CLAUSE = _rx(r"^(?:when|if|since|after|before|while|now that|once|whenever|as)\b[^,]*,\s*")
LATER_WH = _rx(rf"(?:^|[,:]\s*|\s-\s)({_WH}\b.*)$")

CLOSED_WH = _rx(
    r"^(?:how (?:many|much|often|long|old|far|soon|late|early|big|frequently)\b"
    r"|what (?:time|day|days|date|year|month|grade|age|size|floor|street)\b"
    r"|what(?:'s| is| was| are) (?:your|the|his|her|their|my)\b[\w' ]{0,30}"
    r"\b(?:name|names|address|number|phone|date|birthday|age|email|zip|called)\b"
    r"|which\b|whose\b|who(?:'s)?\b|when\b|where(?:'s)?\b)"
)
OPEN_DESPITE_WH = _rx(
    r"^(?:when (?:was|is|were|has|have) (?:a|the|one|there) (?:time|moment)\b"
    r"|when have you\b"
    r"|where (?:do|would|could|can|did) you (?:see|want|like|hope|picture|imagine|find)\b"
    r"|who (?:are|were) the people\b|who in your\b|who (?:else )?(?:supports|has your back)\b)"
)
OPEN_REQUEST = _rx(
    r"^(?:(?:please )?(?:tell me (?!if\b|when\b)|describe\b|walk me through\b|take me through\b|"
    r"help me (?:understand|see)\b|say (?:a (?:little|bit) )?more\b|talk (?:to me )?about\b|"
    r"share (?:with me|a bit|more|about|what|how|some)\b|explain\b|give me an example\b|"
    r"fill me in\b|paint me a picture\b)"
    r"|(?:can|could|would|will) you (?:please )?(?:tell|describe|share|explain|walk|talk|say|"
    r"help me understand|give me|fill me|paint)\b"
    r"|(?:would|do) you (?:want|like|mind) (?:to )?(?:tell|talk|share|describe|say|walk)\b"
    r"|i(?:'m| am)? wonder(?:ing)? (?:what|how|why|where|who|when|which|about)\b"
    r"|i(?:'m| am) curious (?:about|what|how|why|where|who|when|which|to (?:hear|know))\b"
    r"|i(?:'d| would) (?:like|love) to (?:hear|know|learn|understand) "
    r"(?:about|more|what|how|why|your)\b"
    r"|i want to (?:hear|know|understand) (?:about|more|what|how|why)\b)"
)
CLOSED_REQUEST = _rx(
    r"^(?:i(?:'m| am)? wonder(?:ing)? (?:if|whether)\b|i(?:'m| am) curious (?:if|whether)\b"
    r"|i(?:'d| would) like to know (?:if|whether)\b)"
)
TAG = _rx(
    r"(?:[,\s](?:right|correct|yeah|yes|no|okay|ok|huh|true|yes or no)"
    rf"|\b{_AUX}\s+(?:it|you|they|he|she|we|i|there|that))\?$"
)
# A statement said with a rising voice that guesses at a feeling, wish or view is a reflection;
# one that checks a fact or a plan ("You've got the keys already?") is a closed question.
RISING_REFLECTION = _rx(
    r"^(?:you|you're|you've|you'd|your|it sounds|sounds like|that sounds|it seems|seems like)\b"
    r".*\b(?:sure|feel|feels|feeling|want|wants|wanted|worried|worry|scared|afraid|think|thinking|"
    r"hope|hoping|stuck|ready|tired|angry|mad|upset|frustrated|like|love|hate|wish|miss|glad|"
    r"happy|sad|proud|nervous|torn|confused|lonely|fed up|had enough|believe|trust|care|"
    r"matters?|important)\b"
)


# --- statements -------------------------------------------------------------------------------

VAGUE_PRAISE = _rx(
    r"^(?:(?:that's |that is |you did )?(?:great|good|nice|awesome|excellent|fantastic|wonderful|"
    r"amazing|brilliant)(?: job| work| going| one)?|well done|way to go|good for you|bravo|"
    r"congratulations|congrats|i(?:'m| am) (?:so |really |very )?proud of you)[!.]*$"
)
ADVICE = _rx(
    r"^(?:you (?:should|shouldn't|need to|needn't|have to|must (?!be|feel|have)|ought to|"
    r"might want|may want|could try|could also|can (?!do (?:it|this)\b)|'ll need|will need|"
    r"'ll want|will want|'ll have to|will have to|'re going to need)"
    r"|you'(?:ll|d better) )"
)
# Words that credit a person: used after "you're", "you were", "you've been", "that was".
_TRAITS = (
    r"(?:good|great|caring|loving|devoted|strong|natural|resourceful|determined|persistent|brave|"
    r"courageous|creative|talented|skilled|capable|dedicated|committed|reliable|generous|"
    r"thoughtful|patient|resilient|hardworking|hard-working|honest|organized|smart|wise|careful|"
    r"clever|kind|responsible|consistent|steady|bold|mature|gutsy|selfless|insightful|motivated|"
    r"focused|disciplined|fighter|survivor|thinking ahead|on top of)"
)
_DEGREE = r"(?:really |so |very |such |truly |clearly |obviously |incredibly |super |a |an )*"
# Past efforts and achievements, after "you" / "you've".
_EFFORTS = (
    r"(?:kept (?:at|going|trying|coming|showing|fighting|pushing|working|it up|your|every)|stuck|"
    r"worked (?:\w+ )?hard|managed|handled|figured|found a way|"
    r"showed (?:up|real|a lot|great|such|so much|how|courage|strength)|shown|pushed through|"
    r"got through|gotten through|made it (?:to|through|work|happen)|pulled (?:through|it off)|"
    r"reached (?:out|your|a |the goal)|finished|completed|saved (?:up|for|enough)|"
    r"followed through|stood up|stepped up|went out of your way|put (?:in|a lot|so much)|"
    r"came back|hung in|never (?:gave up|stopped|quit|missed)|"
    r"did(?:n't| not) (?:give up|quit|let)|did (?:it|that|this|the work|really well|so well)|"
    r"learned (?:to|how)|taught yourself|overcame|came through|"
    r"been (?:working|trying|putting|showing up|sticking)|come (?:a long way|so far)|"
    r"built (?:a |up|your|something)|earned|accomplished|achieved|"
    r"(?:taken|took) (?:the|a|that) (?:big |first |hard )?step|(?:taken|took|take) "
    r"(?:such |really |very )?(?:good )?care|stayed (?:calm|sober|clean|strong|focused|patient|"
    r"positive|on track|the course)|made (?:real |great |good |a lot of |so much |big |huge )?"
    r"(?:progress|headway|strides)|got (?:what it takes|this)|"
    r"(?:have|got) (?:a |such a |real |a real |so much |a lot of )*(?:gift|talent|knack|way with|"
    r"courage|determination|strength|what it takes|a big heart))"
)
AFFIRM = _rx(
    rf"^(?:you|you've|you have)\s+(?:really |truly |already |clearly |just |actually |also |"
    rf"always )?{_EFFORTS}"
    rf"|^(?:you're|you are|you were|you've been|you have been)\s+{_DEGREE}(?:someone who|"
    rf"a person who|the kind of person|the type of person|(?:good|great) (?:at|with)|there for|"
    rf"{_TRAITS}\b)"
    rf"|^(?:that|it|this) (?:was|is) {_DEGREE}(?:brave|courageous|wise|bold|generous|mature|gutsy|"
    rf"selfless|smart|clever|resourceful)\b"
    r"|\b(?:that|it|this) took (?:a lot of |real |so much |some |a great deal of )?(?:courage|guts|"
    r"strength|nerve|effort|determination|commitment|patience|bravery|work)\b"
    r"|\b(?:that|it) (?:wasn't|was not|can't have been) easy\b"
    r"|\b(?:done|did|doing) (?:such |a |an |really |so |very )*(?:good|great|fine|amazing|"
    r"wonderful|terrific|excellent|fantastic|solid) (?:job|work)\b"
    r"|^it's (?:clear|obvious|plain) (?:that )?you\b"
    r"|^(?:thank you|thanks) for (?:trusting|being (?:so |really )?(?:honest|open)|your (?:honesty|"
    r"openness|trust|hard work|patience))\b"
    r"|^you (?:really |clearly )?know how to\b"
    r"|^i (?:really |truly |so )?(?:appreciate|admire|respect) (?:you|how|that you|your|the way)\b"
    r"|^i(?:'m| am) (?:really |so |very )?(?:impressed|struck|inspired|confident) (?:by|with|that|"
    r"how|you)\b"
    r"|\b(?:real|big|huge|great|major|genuine) (?:accomplishment|achievement)\b"
    r"|\b(?:says|shows|speaks to|tells me) (?:a lot|something|how|that you|your|real|great|such)\b"
    r"|^your (?:hard work|effort|efforts|persistence|determination|courage|commitment|dedication|"
    r"patience|honesty|strength|creativity|resourcefulness)\b"
    r"|^that's a (?:big|huge|real|great|major|important) (?:step|deal|win|milestone|change)\b"
    r"|^(?:great|good|nice|excellent|awesome|amazing|fantastic) (?:job|work) (?:on|with|\w+ing)\b"
    r"|\byou (?:\w+ed|did|made|took|got|found|built|kept|taught|paid|bought|went|came|won|ran|"
    r"wrote|held) (?:\w+ ){0,5}(?:on your own|by yourself|all yourself|yourself)$"
)
REFLECT = _rx(
    r"^(?:it sounds|sounds like|that sounds|it seems|seems like|it feels|it looks like|"
    r"looks like|what i'm hearing|what i hear|i'm hearing|i hear (?:that|you saying|how)|"
    r"you're saying|you are saying|in other words|on (?:the )?one hand|part of you|you feel|"
    r"you're feeling|you are feeling|you've been feeling|you sound|you seem|i get the sense|"
    r"i sense|i imagine|i can (?:see|tell|hear) (?:that )?(?:you|how)|that must|it must|"
    r"must (?:be|have been|feel)|you must (?:be|feel|have))\b"
)
OTHER_START = _rx(
    r"^(?:let's|let us|let me|we|we'll|we're|we've|we'd|i|i'll|i'm|i've|i'd|my|our|please|"
    r"remember|call|bring|take|try|sign|make sure|don't forget|have a|go|come|see you|keep|check|"
    r"fill|look|pick|read|write|hi|hello|hey|good (?:morning|afternoon|evening|night)|welcome|"
    r"thanks|thank you|bye|goodbye|take care|here|here's|there is|there's|there are|"
    r"this (?:form|program|is|one)|first|next|today|before we|a lot of people|lots of people|"
    r"many people|most people|some people|people often|it's (?:normal|common|typical|usual|okay|"
    r"ok)|it's (?:up to you|your (?:choice|call|decision))|(?:it's )?(?:good|nice|great) to (?:see|"
    r"meet|hear|have) you|sorry|hold on|they(?:'ll| will| can| should| need| might| may| usually| "
    r"often))\b"
)
SECOND_PERSON_START = _rx(r"^(?:you|you're|you've|you'd|you'll|your|yours)\b")
SECOND_PERSON = _rx(r"\b(?:you|you're|you've|you'd|your|yourself)\b")
INFO = _rx(
    r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|"
    r"forty|fifty|hundred|dollars?|percent|monday|tuesday|wednesday|thursday|friday|saturday|"
    r"sunday|mondays|tuesdays|wednesdays|thursdays|fridays|saturdays|sundays|noon|o'clock|opens?|"
    r"closes?|costs?|covers?|due|deadline|usually|typically|generally|normally|most|many|"
    r"eligible|requires?|required|available|offers?|provides?|accepts?|apply|applications?|"
    r"renewals?)\b"
)
FEELING = _rx(
    r"\b(?:hard|hardest|tough|toughest|rough|tight|scary|frightening|lonely|exhausting|"
    r"overwhelming|stressful|painful|heavy|better|worse|worst|best|relief|frustrating|upsetting|"
    r"discouraging|too much|a lot|everything|nothing|nobody|no one|matters?|important|means|"
    r"part|been)\b"
)


# --- deficit talk -----------------------------------------------------------------------------

DEFICIT = _rx(
    r"\b(?:what(?:'s| is| was) (?:wrong|the (?:problem|matter|issue))|what went wrong|"
    r"(?:gone|go|goes|going) wrong|wrong with you|your (?:problems?|issues?|fault|weakness(?:es)?|"
    r"deficits?|shortcomings?|bad habits?)|problems? with you|the problem (?:is|was) (?:you|that "
    r"you)|why (?:can't|couldn't|didn't|don't|won't|wouldn't|haven't|hasn't|aren't|isn't|do you "
    r"keep|did you keep|did you fail|do you always|are you always)\b|what(?:'s| is) (?:stopping|"
    r"holding) you|what keeps you from|fail(?:ed|ing|ure|ures|s)?|weakness(?:es)?|deficits?|"
    r"mess(?:ed)? (?:it |things |this )?up|screw(?:ed)? (?:it |things |this )?up|blew it|"
    r"non-?complian(?:t|ce)|can't you just|lazy|excuses?|irresponsible)\b"
)
