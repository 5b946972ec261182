import { Rng } from './random.ts';

/**
 * Invented vocabulary. Names are common given names and surnames combined at random, companies are
 * made-up words with legal suffixes; nothing here describes a real person or employer.
 */

export const LATIN_FIRST = [
  'Amelia', 'Oliver', 'Sophie', 'Lucas', 'Hannah', 'Noah', 'Emma', 'Liam', 'Mia', 'Felix', 'Clara', 'Jonas',
  'Ava', 'Leo', 'Isla', 'Theo', 'Nora', 'Elias', 'Freya', 'Hugo', 'Ines', 'Mateo', 'Lucia', 'Tomas', 'Caleb',
  'Maya', 'Owen', 'Ruby', 'Ethan', 'Grace', 'Isaac', 'Chloe', 'Adrian', 'Elena', 'Marco', 'Giulia', 'Pablo',
  'Carmen', 'Diego', 'Sofia', 'Lars', 'Ingrid', 'Sven', 'Astrid', 'Pieter', 'Femke', 'Kofi', 'Amara', 'Tunde',
  'Zanele', 'Rahul', 'Priya', 'Arjun', 'Ananya', 'Omar', 'Layla', 'Yusuf', 'Aylin', 'Mehmet', 'Daniel', 'Sarah',
  'Michael', 'Laura', 'David', 'Julia', 'Samuel', 'Rachel', 'Nathan', 'Olivia', 'Benjamin', 'Charlotte', 'Aiden',
  'Tara', 'Connor', 'Siobhan', 'Niamh', 'Rory', 'Kai', 'Mei', 'Hiro', 'Anh', 'Minh', 'Joon', 'Rosa', 'Tiago',
];

/** Latin-script names whose accents survive into percent-encoded profile slugs. */
export const ACCENTED_FIRST = [
  'Zoë', 'Renée', 'Björn', 'Åsa', 'Søren', 'Mónica', 'José', 'Łukasz', 'Małgorzata', 'Ümit', 'Çağla',
  'François', 'Héloïse', 'Jürgen', 'Dagný', 'Øystein', 'Ramón', 'Noémie', 'Jiří', 'Ioana-Mădălina',
];

export const LATIN_LAST = [
  'Bennett', 'Okafor', 'Lindqvist', 'Moreau', 'Rossi', 'Novak', 'Kowalski', 'Schneider', 'Andersson', 'Fischer',
  'Haddad', 'Byrne', 'Walsh', 'Patel', 'Shah', 'Mensah', 'Adeyemi', 'Costa', 'Silva', 'Jansen', 'de Vries',
  'van den Berg', "O'Brien", 'Nguyen', 'Tran', 'Kim', 'Park', 'Dubois', 'Horvat', 'Kaya', 'Ellison', 'Hartley',
  'Whitfield', 'Carter', 'Hughes', 'Reyes', 'Romero', 'Alvarez', 'Castillo', 'Bianchi', 'Ricci', 'Weber',
  'Becker', 'Hoffmann', 'Koch', 'Bakker', 'Visser', 'Nielsen', 'Hansen', 'Berg', 'Lund', 'Virtanen', 'Korhonen',
  'Murphy', 'Kelly', 'Doyle', 'Singh', 'Gupta', 'Iyer', 'Menon', 'Osei', 'Boateng', 'Ndlovu', 'Dlamini',
  'Santos', 'Pereira', 'Oliveira', 'Chen', 'Lin', 'Wong', 'Ito', 'Mori', 'Pham', 'Le', 'Abbott', 'Fletcher',
  'MacLeod', 'McKenzie', 'Duarte', 'Ferreira', 'Rahman', 'Hussain', 'Aziz', 'Karimi', 'Farouk',
];

export const ACCENTED_LAST = [
  'García', 'Müller', 'Lefèvre', 'Šimić', 'Ødegård', 'Yılmaz', 'Öztürk', 'Jørgensen', 'Ó Súilleabháin',
  'Fernández', 'Nuñez', 'Brandão', 'Kovačević', 'Dvořák', 'Wójcik', 'Åkesson', 'Çelik', 'Björklund', 'Gauthier-Lévesque',
];

/** [written in the export, romanised as many members choose for their slug]. */
export type Pair = readonly [native: string, latin: string];

export interface Script {
  first: readonly Pair[];
  last: readonly Pair[];
}

export const SCRIPTS: readonly Script[] = [
  {
    first: [['伟', 'Wei'], ['芳', 'Fang'], ['静', 'Jing'], ['磊', 'Lei'], ['婷', 'Ting'], ['浩', 'Hao']],
    last: [['王', 'Wang'], ['李', 'Li'], ['张', 'Zhang'], ['刘', 'Liu'], ['陈', 'Chen'], ['赵', 'Zhao']],
  },
  {
    first: [['陽菜', 'Hina'], ['蓮', 'Ren'], ['結衣', 'Yui'], ['大翔', 'Hiroto'], ['美咲', 'Misaki']],
    last: [['佐藤', 'Sato'], ['鈴木', 'Suzuki'], ['高橋', 'Takahashi'], ['田中', 'Tanaka'], ['渡辺', 'Watanabe']],
  },
  {
    first: [['민준', 'Minjun'], ['서연', 'Seoyeon'], ['지호', 'Jiho'], ['하은', 'Haeun']],
    last: [['김', 'Kim'], ['이', 'Lee'], ['박', 'Park'], ['최', 'Choi']],
  },
  {
    first: [['Анна', 'Anna'], ['Дмитрий', 'Dmitry'], ['Ольга', 'Olga'], ['Иван', 'Ivan'], ['Мария', 'Maria']],
    last: [['Иванова', 'Ivanova'], ['Смирнов', 'Smirnov'], ['Кузнецова', 'Kuznetsova'], ['Попов', 'Popov'], ['Соколова', 'Sokolova']],
  },
  {
    first: [['Νίκος', 'Nikos'], ['Ελένη', 'Eleni'], ['Γιώργος', 'Giorgos']],
    last: [['Παπαδόπουλος', 'Papadopoulos'], ['Γεωργίου', 'Georgiou'], ['Οικονόμου', 'Oikonomou']],
  },
  {
    first: [['أحمد', 'Ahmed'], ['فاطمة', 'Fatima'], ['ليلى', 'Layla'], ['يوسف', 'Youssef']],
    last: [['حداد', 'Haddad'], ['منصور', 'Mansour'], ['خوري', 'Khoury']],
  },
  {
    first: [['נועה', 'Noa'], ['יונתן', 'Yonatan'], ['תמר', 'Tamar']],
    last: [['כהן', 'Cohen'], ['לוי', 'Levi'], ['מזרחי', 'Mizrahi']],
  },
  {
    first: [['अर्जुन', 'Arjun'], ['प्रिया', 'Priya'], ['अनन्या', 'Ananya']],
    last: [['शर्मा', 'Sharma'], ['वर्मा', 'Verma'], ['जोशी', 'Joshi']],
  },
  {
    first: [['สมชาย', 'Somchai'], ['มาลี', 'Malee']],
    last: [['ศรีสุข', 'Srisuk'], ['วงศ์ใหญ่', 'Wongyai']],
  },
];

export const EMOJI = ['🌱', '🚀', '✨', '🇸🇪', '🌍', '💡', '🎯', '🇧🇷', '☕'];
/** Four-byte emoji only: the reference saw slugs percent-encoded as `%F0%9F…`. */
export const SLUG_EMOJI = ['🌱', '🚀', '🌍', '💡'];
export const CREDENTIALS = [', MBA', ', PhD', ', MBA, SHRM-SCP', ', CPA', ', PMP', ', CFA', ', MSc', ', PE'];
export const PRONOUNS = [' (She/Her)', ' (He/Him)', ' (They/Them)', ' (she/her)', ' (he/him/his)'];
export const NICKNAMES = ['JJ', 'Sunny', 'Max', 'Bea', 'Teddy', 'Kit'];

const STEMS = [
  'Northwind', 'Bluefin', 'Brightwater', 'Copperleaf', 'Driftwood', 'Emberline', 'Fernhill', 'Glasshouse',
  'Harborview', 'Ironbark', 'Juniper', 'Kestrel', 'Lanternfish', 'Meadowlark', 'Nimbus', 'Oakridge', 'Pinecrest',
  'Quarrystone', 'Redwing', 'Silverline', 'Tidewater', 'Umberfield', 'Westbrook', 'Yellowpine', 'Alderbank',
  'Birchwood', 'Cobaltine', 'Dunmore', 'Elmstead', 'Foxglove', 'Granitefall', 'Heliotrope', 'Indigo Bay',
  'Jadeport', 'Kingsbridge', 'Larkspur', 'Marlowe', 'Northgate', 'Orchardine', 'Parkhurst', 'Quillon',
  'Riverstone', 'Saltmarsh', 'Thornbury', 'Upland', 'Vireo', 'Willowmere', 'Yarrowfield', 'Amberlight',
  'Bramblecove', 'Cinderpeak', 'Dovetail', 'Eastwick', 'Fallowmere', 'Gullwing', 'Hollowell', 'Inkwell',
  'Kelpford', 'Lumenary', 'Mistral Point', 'Nettlefield', 'Otterburn', 'Pebblestone', 'Ravensworth',
];
const SECTORS = [
  'Analytics', 'Labs', 'Logistics', 'Health', 'Robotics', 'Capital', 'Consulting', 'Software', 'Energy',
  'Foods', 'Media', 'Studios', 'Bio', 'Systems', 'Partners', 'Networks', 'Security', 'Learning', 'Insurance',
  'Mobility', 'Payments', 'Design', 'Materials', 'Cloud',
];
const LEGAL = ['', '', '', ' Inc.', ', Inc.', ' Ltd', ' LLC', ', LLC', ' GmbH', ' AG', ' SAS', ' B.V.', ' Pty Ltd', ' plc', ' Corp.'];

/** Hand-picked traps: commas, accents, non-Latin scripts, quotes, and the free-text employers people type. */
const SPECIAL_COMPANIES = [
  'Acme, Inc.', 'Globex Ltd', 'Initech LLC', 'Café Lumière SARL', 'Kørsel Logistik ApS', 'Żuraw Systemy sp. z o.o.',
  'Ünal Yazılım A.Ş.', 'Müller & Söhne GmbH', 'Société des Eaux Claires', 'Nordlicht Förderbau GmbH',
  'Estúdio Açaí Ltda.', 'The "Good Enough" Agency', 'Freelance', 'Self-employed', 'Stealth Startup',
  'University of Eastbrook', 'Universidad de Valdemora', '株式会社ミドリ技研', 'ООО «Северный Ветер»',
  'Hartwell, Price & Osei LLP',
];

function buildCompanyPool(): readonly string[] {
  const rng = new Rng('company-pool');
  const names = new Set<string>(SPECIAL_COMPANIES);
  while (names.size < 200) names.add(`${rng.pick(STEMS)} ${rng.pick(SECTORS)}${rng.pick(LEGAL)}`);
  return rng.shuffle([...names]);
}

/** Fixed across seeds, so a company keeps its name whichever seed a test uses. */
export const COMPANY_POOL = buildCompanyPool();

export const TITLES = [
  'Software Engineer', 'Senior Software Engineer', 'Staff Engineer', 'Engineering Manager', 'Director of Engineering',
  'VP, Engineering', 'Product Manager', 'Senior Product Manager', 'Head of Product', 'Product Designer',
  'UX Researcher', 'Data Scientist', 'Data Analyst', 'Machine Learning Engineer', 'Site Reliability Engineer',
  'CTO', 'Founder & CEO', 'Co-Founder', 'Chief of Staff', 'Account Executive', 'Senior Account Executive, EMEA',
  'Sales Development Representative', 'Customer Success Manager', 'Marketing Manager', 'Growth Lead',
  'Content Strategist', 'Talent Acquisition Partner', 'Technical Recruiter', 'Recruiter | Tech & Product',
  'HR Business Partner', 'People Operations Manager', 'Financial Analyst', 'Controller', 'Operations Manager',
  'Project Manager', 'Consultant', 'Senior Consultant', 'Partner', 'Investor', 'Student', 'PhD Candidate',
  'Research Scientist', 'Professor', 'Lecturer', 'Architect', 'Geschäftsführer', 'Ingénieure logicielle',
  'Desarrollador Full Stack', 'Board Member', 'Freelance Writer', 'Helping founders hire their first 10 engineers',
];

/** Most senior first: Positions.csv lists the current role first. */
export const OWNER_TITLES = ['Group Product Manager', 'Senior Product Manager', 'Product Manager', 'Associate Product Manager', 'Business Analyst'];

export const RECRUITER_TITLES = ['Technical Recruiter', 'Senior Talent Partner', 'Talent Acquisition Lead', 'Executive Search Consultant'];

export const SKILLS = [
  'Product Management', 'Leadership', 'Public Speaking', 'SQL', 'Data Analysis', 'Python', 'Negotiation',
  'Project Management', 'Agile Methodologies', 'Go-to-Market Strategy', 'User Research', 'Machine Learning',
  'Cloud Computing', 'Team Building', 'Recruiting', 'Stakeholder Management', 'Strategic Planning',
  'Business Development', 'Coaching', 'TypeScript', 'Roadmapping', 'A/B Testing', 'Customer Discovery',
  'Financial Modeling', 'Mentoring', 'Cross-functional Team Leadership', 'Product Strategy', 'UX Design',
];

export const LOCATIONS = ['Berlin, Germany', 'London, England, United Kingdom', 'Remote', 'San Francisco Bay Area', 'Amsterdam, North Holland, Netherlands', 'Toronto, Ontario, Canada'];

export const EMAIL_DOMAINS = ['example.com', 'example.org', 'example.net', 'mail.example', 'inbox.example'];

export const TOPICS = ['the pricing page', 'our Q3 roadmap', 'the hiring plan', 'onboarding', 'the data migration', 'the offsite', 'your talk', 'the beta'];

/** Message lines: `{first}` is the recipient's given name, `{me}` the sender's, `{company}` the contact's employer. */
export const OPENERS = [
  "Hi {first},\nGreat meeting you at the meetup yesterday. Would love to continue the conversation about {topic}.",
  'Hey {first}! Congrats on the new role at {company} 🎉',
  "Hi {first}, thanks for connecting. I saw your post about {topic}, and I'd be curious to hear how it went.",
  'Hello {first},\n\nQuick question: do you know anyone who has shipped {topic} at scale?\n\nThanks,\n{me}',
  'Hi {first} - a friend suggested I reach out. Do you have 20 minutes next week?',
  'Long time no see, {first}! How are things at {company}?',
];

export const REPLIES = [
  "Thanks {first}! Let's grab a coffee next week.",
  'Sounds good. Tuesday or Thursday afternoon?',
  'Thursday works. I\'ll send an invite.',
  'Sure, happy to help. Let me check with my team and get back to you.',
  'Sent you the deck, let me know what you think.',
  'That was really helpful, thank you!\nI\'ll keep you posted on how it goes.',
  'Ha, yes "the usual chaos" - but good chaos.',
  'Just saw this, sorry for the slow reply!',
  'Absolutely. Here is the link we talked about: https://example.com/notes',
  'Could you share the doc? I only have the old version, v2.',
];

export const OUTREACH = [
  "Hi {first}, I'm exploring a move into {company}'s space and would value your perspective. Open to a short call?",
  'Hi {first},\nI noticed we both worked on {topic}. Would you be up for swapping notes?',
  'Hi {first}, following up on my earlier note - no pressure at all!',
];

export const RECRUITER_BODIES = [
  "Hi {first},\n\nI'm hiring a {title} at {company}. Your background caught my eye, particularly your work on {topic}.\n\nWould you be open to a quick chat this week?\n\nBest,\n{me}",
  'Hello {first}, hope you are well! We have an exciting opportunity at {company}, fully remote, competitive package. Interested?',
  'Hi {first}, just bumping this up in case it got buried. Happy to share the full job description.',
];

export const GROUP_LINES = [
  'Hi all, sharing the notes from today:\n- timeline\n- owners\n- next steps',
  'Thanks everyone, this was great.',
  "Who's in for the reunion dinner on the 14th?",
  'Count me in!',
  'I can do the 14th, but not the 21st.',
  'Adding the doc here so we have it in one place.',
];

export const GROUP_TITLES = ['', '', 'Project Falcon alumni', 'Reunion 🎉', 'Hiring loop: PM, Payments'];

export const SPONSORED_BODIES = [
  '<p class="spinmail-quill-editor__spin-break">Hi %FIRSTNAME%,</p><p class="spinmail-quill-editor__spin-break">Teams like yours use {company} to cut reporting time in half.</p><p class="spinmail-quill-editor__spin-break">Want a free trial?</p>',
  '<p class="spinmail-quill-editor__spin-break">Hi %FIRSTNAME%, join our free webinar on {topic} next Thursday.</p>',
];

export const SPONSORED_SUBJECTS = ['Your free trial is waiting', 'Webinar invitation', 'Grow your team faster'];

export const SPONSORED_REPLIES = ['Not interested', 'Yes, tell me more'];

export const COACH_LINES = [
  'How can I prepare for a product manager interview?',
  'Here are a few ways to prepare:\n1. Review the company\'s products.\n2. Practise structured answers.\n3. Prepare questions.',
  'Can you help me rewrite my headline?',
  'Sure. A clear headline names your role and the value you bring, for example: "Product manager | Payments".',
];

export const INVITATION_NOTES = [
  'Hi {first}, great meeting you at the conference. Would love to stay in touch!',
  "Hi {first}, we spoke briefly after the panel. I'd like to connect.",
  'Hello {first}, I enjoyed your article on {topic}, and would be glad to connect.',
  'Hi {first} - fellow alum here, would love to connect.',
];

export const RECOMMENDATION_TEXTS = [
  '{first} is one of the most thoughtful colleagues I have worked with. {pronoun} brought clarity to messy problems, listened carefully, and made everyone around {object} better.  I would happily work with {first} again.',
  'I had the pleasure of working with {first} at {company} for two years. {pronoun} combined deep technical judgement with real empathy for customers, and "getting things done" is an understatement.',
  'When our launch slipped, {first} rebuilt the plan in a weekend, rallied three teams, and shipped on the new date. Calm, generous, and relentlessly practical; I recommend {object} without reservation.',
];

export const HEADLINES = [
  'Product manager | Building calm software for busy teams',
  'Product @ fintech | ex-consultant | mentor',
  'Senior PM, payments & platforms | Speaker | Coffee enthusiast',
];

export const SUMMARIES = [
  'I help teams turn fuzzy problems into products people use every day. Over the past decade I have worked across payments, logistics and developer tools, from two-person startups to public companies.  Outside work: trail running, sourdough, and mentoring first-time managers.',
  'Product leader with a background in engineering, consulting and research. I care about clear writing, small teams, and shipping often; currently focused on B2B platforms.',
];
