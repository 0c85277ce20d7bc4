import type { Instrument } from './types.ts'

// Questionnaire dl-v2 (English). The nine scales of dl-v1 with the weak items rewritten and the
// keying balanced within every scale (as many reverse-keyed items as positive ones, so a habit of
// agreeing cancels in each scale score); a short block of paired statements on what separates
// Hargreaves and Fink's patterns (where authority sits, where initiative comes from, how coherent
// the direction is, how openly it is contested); a leadership map (areas × roles); and seven
// vignettes that each carry the pattern's strengths and costs. Items kept word for word from
// dl-v1 keep their ids; every new or reworded item has a new id. The reasoning for every item is
// in docs/instrument.md. Never edit a wording in place: a changed text is a new version.

export const dlV2: Instrument = {
  id: 'dl-v2',
  language: 'en',
  title: 'How leadership works in our school',
  estimatedMinutes: 12,
  answerLabels: {
    1: 'Strongly disagree',
    2: 'Disagree',
    3: 'Neither agree nor disagree',
    4: 'Agree',
    5: 'Strongly agree',
  },
  dontKnowLabel: "Don't know",
  scales: [
    {
      id: 'shared_responsibility',
      name: 'Shared responsibility',
      sectionTitle: 'Who takes the lead',
      description: 'Leading is something many people do across the school, not only those with a leadership title.',
      items: [
        { id: 'sr1', text: 'In this school, people without a leadership title lead pieces of work.', keying: 'positive' },
        { id: 'sr6', text: 'In this school, leading is left to people with a leadership title.', keying: 'negative' },
        { id: 'sr3', text: 'When something needs doing here, staff step forward without waiting to be asked.', keying: 'positive' },
        { id: 'sr7', text: 'Staff here care only about their own part of the work.', keying: 'negative' },
      ],
    },
    {
      id: 'shared_power',
      name: 'Shared power and authority',
      sectionTitle: 'Who decides',
      description: 'Staff have a real say in decisions, and those who lead a piece of work are trusted to decide how it is done.',
      items: [
        { id: 'sp2', text: 'Staff here have a real say in decisions that affect their work.', keying: 'positive' },
        { id: 'sp6', text: 'In this school, decisions usually arrive already made.', keying: 'negative' },
        { id: 'sp3', text: 'People who lead a piece of work here are trusted to make decisions about it.', keying: 'positive' },
        { id: 'sp7', text: 'Staff here are asked for their views after a decision has been taken.', keying: 'negative' },
      ],
    },
    {
      id: 'synergy',
      name: 'Synergy',
      sectionTitle: 'Working together',
      description: 'Staff with different skills work on shared tasks together, and expertise counts for more than job title.',
      items: [
        { id: 'sy4', text: 'When a problem comes up here, staff in different roles solve it together.', keying: 'positive' },
        { id: 'sy6', text: 'In this school, each role keeps to its own tasks.', keying: 'negative' },
        { id: 'sy5', text: 'Staff here turn to whoever knows most about a problem, whatever their role.', keying: 'positive' },
        { id: 'sy7', text: 'Staff here mostly plan their work alone.', keying: 'negative' },
      ],
    },
    {
      id: 'leadership_capacity',
      name: 'Leadership capacity',
      sectionTitle: 'Room to grow',
      description: 'The school uses the strengths of its staff and grows new leaders, so its work does not depend on a few people.',
      items: [
        { id: 'lc2', text: 'Staff who start leading something new here get support while they learn.', keying: 'positive' },
        { id: 'lc6', text: 'In this school, the same few people are asked to lead every time.', keying: 'negative' },
        { id: 'lc5', text: 'If someone who leads an area left tomorrow, others here could carry on their work.', keying: 'positive' },
        { id: 'lc7', text: 'Staff here have skills that the school never uses.', keying: 'negative' },
      ],
    },
    {
      id: 'organisational_learning',
      name: 'Organisational learning',
      sectionTitle: 'Learning from each other',
      description:
        'Staff talk about their practice, reflect on it and pass good ideas on, and leaders follow the ways of working they ask of others.',
      items: [
        { id: 'ol2', text: 'In this school, staff are encouraged to reflect on their own work.', keying: 'positive' },
        { id: 'ol6', text: 'What one team learns here stays with that team.', keying: 'negative' },
        { id: 'ol5', text: 'Mistakes here are treated as a chance to learn.', keying: 'positive' },
        { id: 'ol7', text: 'In this school, leaders ask more of staff than of themselves.', keying: 'negative' },
      ],
    },
    {
      id: 'equitable_climate',
      name: 'Equitable and ethical climate',
      sectionTitle: 'Fair and open',
      description: 'People are treated fairly whatever their role, decisions are explained openly, and staff feel safe to raise a concern.',
      items: [
        { id: 'ec1', text: 'In this school, people are treated fairly whatever their role.', keying: 'positive' },
        { id: 'ec6', text: 'In this school, some voices count for more than others.', keying: 'negative' },
        { id: 'ec4', text: 'Staff here can raise a concern without worrying about the consequences.', keying: 'positive' },
        { id: 'ec7', text: 'The reasons for decisions here are known only to a few people.', keying: 'negative' },
      ],
    },
    {
      id: 'democratic_culture',
      name: 'Democratic and investigative culture',
      sectionTitle: 'Questions and new ideas',
      description: 'Ideas are debated openly whoever they come from, and changes are tried out and checked against evidence.',
      items: [
        { id: 'dc1', text: 'Staff here can openly disagree with an idea, whoever suggested it.', keying: 'positive' },
        { id: 'dc6', text: 'In this school, questioning how things have always been done is unwelcome.', keying: 'negative' },
        { id: 'dc4', text: 'In this school, staff are encouraged to try new ways of doing things.', keying: 'positive' },
        { id: 'dc7', text: 'Once a change is made here, nobody checks whether it worked.', keying: 'negative' },
      ],
    },
    {
      id: 'community_engagement',
      name: 'Macro-community engagement',
      sectionTitle: 'Beyond our school',
      description: 'The school listens to pupils and families, knows its community and works with other schools and the world outside.',
      items: [
        { id: 'ce1', text: 'Staff here work with colleagues from other schools to improve what they do.', keying: 'positive' },
        { id: 'ce6', text: 'Decisions that affect pupils here are made without asking them.', keying: 'negative' },
        { id: 'ce3', text: "Families' views help shape decisions in this school.", keying: 'positive' },
        { id: 'ce7', text: 'This school mostly keeps to itself.', keying: 'negative' },
      ],
    },
    {
      id: 'coordination',
      name: 'Coordination',
      sectionTitle: 'How it all fits together',
      description: 'Roles are clear, information flows, teams share one direction and decisions are made in good time.',
      items: [
        { id: 'co1', text: 'Staff here know who is responsible for what.', keying: 'positive' },
        { id: 'co6', text: 'Teams here often find out too late what other teams are doing.', keying: 'negative' },
        { id: 'co2', text: 'In this school, information reaches the people who need it.', keying: 'positive' },
        { id: 'co7', text: 'Decisions here often wait a long time to be made.', keying: 'negative' },
        { id: 'co4', text: 'Different teams here work towards the same school priorities.', keying: 'positive' },
        { id: 'co8', text: 'In this school, it is often unclear who should act on a problem.', keying: 'negative' },
      ],
    },
  ],
  patternBlock: {
    sectionTitle: 'Which is closer?',
    intro: 'Each question gives two descriptions; neither is better. Choose the one closer to your school.',
    choiceLabels: {
      1: 'Much closer to the first',
      2: 'A bit closer to the first',
      3: 'A bit closer to the second',
      4: 'Much closer to the second',
    },
    pairs: [
      {
        id: 'pa1',
        dimension: 'authority',
        first: 'Most decisions about how the school runs are made by the senior team.',
        second: 'Most decisions about how the school runs are made by the staff who do the work.',
        high: 'second',
      },
      {
        id: 'pa2',
        dimension: 'authority',
        first: 'Staff who lead a piece of work decide how it is done.',
        second: 'Staff who lead a piece of work check their decisions with senior leaders first.',
        high: 'first',
      },
      {
        id: 'pi1',
        dimension: 'initiative',
        first: 'New work here usually starts because the senior team planned it.',
        second: 'New work here usually starts because staff saw a need and began it.',
        high: 'second',
      },
      {
        id: 'pi2',
        dimension: 'initiative',
        first: 'Staff with an idea usually start on it and tell leaders as it grows.',
        second: 'Staff with an idea usually wait until leaders ask for it.',
        high: 'first',
      },
      {
        id: 'ph1',
        dimension: 'coherence',
        first: 'Teams here pull in one direction.',
        second: 'Teams here pull in different directions.',
        high: 'first',
      },
      {
        id: 'ph2',
        dimension: 'coherence',
        first: "Staff here would name different things as the school's priorities.",
        second: 'Most staff here would name the same two or three priorities.',
        high: 'second',
      },
      {
        id: 'pc1',
        dimension: 'contest',
        first: 'Disagreements about direction here are settled quietly, before they reach a meeting.',
        second: 'Staff here argue openly with senior leaders about the direction of the school.',
        high: 'second',
      },
      {
        id: 'pc2',
        dimension: 'contest',
        first: 'Staff here sometimes press ahead with changes the senior team had not planned.',
        second: 'Changes here go ahead once the senior team has agreed them.',
        high: 'first',
      },
    ],
    origin: {
      id: 'po1',
      question: 'How do people here usually come to lead something?',
      options: [
        { value: 1, label: 'Senior leaders hand out set tasks.' },
        { value: 2, label: 'Senior leaders choose who leads what, and guide them.' },
        { value: 3, label: 'Staff start things themselves, and leaders make room for them.' },
        { value: 4, label: 'Staff take the lead themselves, even when leaders had other plans.' },
      ],
    },
  },
  leadershipMap: {
    sectionTitle: 'Who leads what',
    question: "In practice, who leads this part of the school's work? Tick every group that does.",
    areas: [
      { id: 'curriculum', label: 'What pupils are taught (the curriculum)' },
      { id: 'teaching_learning', label: 'How teaching and learning improve' },
      { id: 'behaviour_wellbeing', label: 'Behaviour and wellbeing' },
      { id: 'staff_development', label: 'Staff training and development' },
      { id: 'families_community', label: 'Work with families and the community' },
      { id: 'partnership', label: 'Work with other schools' },
    ],
    roles: [
      { id: 'senior_leaders', label: 'Senior leaders' },
      { id: 'middle_leaders', label: 'Middle leaders' },
      { id: 'teachers', label: 'Teachers' },
      { id: 'support_staff', label: 'Support staff' },
    ],
    exclusive: [
      { id: 'no_one_clear', label: 'No one clearly leads it' },
      { id: 'dont_know', label: "Don't know" },
    ],
  },
  continuum: {
    nowQuestion: 'Which of these is closest to how leadership works in our school now? Each has gains and costs.',
    aimQuestion: "Which would suit our school best in two years' time?",
    patterns: [
      {
        value: 1,
        label: 'Autocracy',
        vignette:
          'One person or a small group decides almost everything. Things move fast and everyone knows who is in charge; a lot rests on a few people, and staff ideas are seldom used.',
        description:
          "Leadership rests with one person or a very small group who decide and direct. It gives speed, clarity and a firm hand in a crisis or a turnaround; it leaves the school dependent on a few people, uses little of the staff's expertise and rarely outlasts the leader who built it.",
      },
      {
        value: 2,
        label: 'Traditional delegation',
        vignette:
          'The senior team decides and hands out set jobs. Roles are clear and work gets done reliably; staff have little room to shape it.',
        description:
          'Leaders hand tasks and formal roles down a clear hierarchy while keeping the decisions. It is orderly, predictable and accountable, and protects staff time; what is passed on is work rather than authority, so initiative and new leaders grow slowly.',
      },
      {
        value: 3,
        label: 'Progressive delegation',
        vignette:
          'The senior team sets the direction and gives some staff bigger jobs, with room to decide how. People grow and the load is shared; the chosen few can get the work without a matching say.',
        description:
          'Leaders delegate substantial responsibilities to a wider circle and trust them with how the work is done, while still choosing who leads and setting the direction. It develops people, spreads the load and keeps one direction; responsibility can run ahead of authority, or stay with a favoured few.',
      },
      {
        value: 4,
        label: 'Guided distribution',
        vignette:
          "Many staff lead parts of the school's work; the senior team chooses who leads what and guides it. The pieces fit together; it can feel planned from the top and may not outlast the senior team.",
        description:
          'Leadership is shared widely by design: senior leaders match people to areas by expertise and keep the pieces aligned. It builds capacity with coherence and protects the weaker areas; it stays planned from the top, so it can feel managed and may not survive a change of senior team.',
      },
      {
        value: 5,
        label: 'Emergent distribution',
        vignette:
          'Staff often take the lead unasked, and new work grows out of everyday teamwork; the senior team makes room for it. Ideas come from where the know-how is; it takes years to build and can drift.',
        description:
          'Leadership arises from staff initiative within a shared culture, with senior leaders creating the conditions rather than assigning roles. It is resilient and draws on the most expertise; it takes years of trust to grow, is hard to steer quickly, and without attention to coordination it can drift or leave some voices out.',
      },
      {
        value: 6,
        label: 'Assertive distribution',
        vignette:
          'Staff take the lead on their own, pushing for changes the senior team did not plan; direction is argued out openly. Weak decisions get challenged; the arguments take time and can split teams.',
        description:
          'Staff claim leadership for themselves, including challenging and pressing the senior team. It brings energy, innovation and a check on poor decisions; it costs time and goodwill, and brings conflict and fragmentation when disagreement is not channelled into a shared direction.',
      },
      {
        value: 7,
        label: 'Anarchy',
        vignette:
          'Everyone leads their own corner in their own way. People have wide freedom and some areas flourish; little pulls it together, so the school struggles to act as a whole.',
        description:
          'Leadership is everywhere but coordinated nowhere: distribution without coordination. Individuals and teams have wide freedom, which can protect pockets of innovation and expertise; the school lacks a common direction, works in silos and struggles to decide or act as a whole.',
      },
    ],
  },
  roleQuestion: 'Which best describes your role? (optional)',
  roles: [
    { id: 'senior_leader', label: 'Senior leader' },
    { id: 'middle_leader', label: 'Middle leader' },
    { id: 'teacher', label: 'Teacher' },
    { id: 'support_staff', label: 'Support staff' },
    { id: 'other', label: 'Other' },
  ],
  prompts: [
    { id: 'helps', text: 'What helps leadership be shared here?' },
    { id: 'hinders', text: 'What gets in the way?' },
  ],
}
